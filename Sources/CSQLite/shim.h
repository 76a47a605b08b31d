#include <sqlite3.h>

/// Turns off SQLite's memory statistics (a global mutex around every allocation). Must run before SQLite is
/// first used; later it returns SQLITE_MISUSE and changes nothing.
static inline int marketshape_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#include <stdio.h>
#include <stdlib.h>

/// Writes each finished statement's SQL and its time in microseconds to stderr, tab-separated (for profiling).
static int marketshape_sqlite_profile_line(unsigned kind, void *context, void *statement, void *nanoseconds) {
    (void)kind; (void)context;
    char *sql = sqlite3_expanded_sql((sqlite3_stmt *)statement);
    const char *text = sql ? sql : sqlite3_sql((sqlite3_stmt *)statement);
    fprintf(stderr, "sqlprofile\t%lld\t", (long long)(*(sqlite3_int64 *)nanoseconds / 1000));
    for (const char *c = text; c && *c && c - text < 160; c++) fputc(*c == '\n' || *c == '\t' ? ' ' : *c, stderr);
    fputc('\n', stderr);
    sqlite3_free(sql);
    return 0;
}

/// When the environment sets MARKETSHAPE_SQL_PROFILE (to anything but empty or 0), profiles every statement on this connection to stderr.
static inline void marketshape_sqlite_profile_if_asked(sqlite3 *db) {
    const char *on = getenv("MARKETSHAPE_SQL_PROFILE");
    if (on && *on && !(on[0] == '0' && on[1] == 0)) sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, marketshape_sqlite_profile_line, NULL);
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Hands back to the system the memory a finished stage freed: this connection's unused page-cache pages, then
/// glibc's free pages (glibc keeps them in each thread's arena otherwise, so the parse threads' buffers would stay
/// resident through every stage after ingest). Elsewhere only the page cache is released.
static inline void marketshape_release_memory(sqlite3 *db) {
    sqlite3_db_release_memory(db);
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
