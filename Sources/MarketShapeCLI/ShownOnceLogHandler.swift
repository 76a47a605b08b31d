import Logging
import Pipeline
import StageKit

/// A stderr log handler that leaves out what the command prints itself (records marked
/// `PipelineRunner.shownByCaller`, such as a run's closing error), so that no error is printed twice, and never
/// writes into the middle of the live progress line.
struct ShownOnceLogHandler<Inner: LogHandler>: LogHandler {
    var inner: Inner

    init(_ inner: Inner) { self.inner = inner }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }
    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if event.metadata?[PipelineRunner.shownByCaller] != nil { return }
        // On a terminal the live progress line is taken off first, and drawn again after.
        StandardConsole.shared.interrupt { inner.log(event: event) }
    }
}
