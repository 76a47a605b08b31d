#include <sqlite3.h>

/// Turns off SQLite's memory statistics (a global mutex around every allocation). Must run before SQLite is
/// first used; later it returns SQLITE_MISUSE and changes nothing.
static inline int marketshape_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
