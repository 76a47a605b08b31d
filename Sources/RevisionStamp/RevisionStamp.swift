import Foundation
import PackagePlugin

/// Writes `Revision.swift` (the git revision the tool is built from) before each build, for `marketshape --version`.
///
/// It runs `git` through `/bin/sh` on every build and rewrites the file only when the revision changed, so an
/// unchanged checkout recompiles nothing. A build outside a git checkout (a source tarball) says `unknown`, or
/// what `MARKETSHAPE_REVISION` says.
@main
struct RevisionStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Revision")
        let script = #"""
            set -u
            mkdir -p "$2"
            rev="${MARKETSHAPE_REVISION:-}"
            if [ -z "$rev" ]; then
              rev=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
              if [ "$rev" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then rev="$rev-dirty"; fi
            fi
            day=$(git -C "$1" log -1 --format=%cs 2>/dev/null || true)
            # Only characters that are safe inside a Swift string literal.
            rev=$(printf '%s' "$rev" | tr -cd 'A-Za-z0-9._+-'); day=$(printf '%s' "$day" | tr -cd '0-9-')
            new=$(printf '/// The git revision this build is from (written by the RevisionStamp plugin).\nlet gitRevision = "%s"\n/// The day of that commit.\nlet gitCommitDay = "%s"\n' "$rev" "$day")
            file="$2/Revision.swift"
            [ "$(cat "$file" 2>/dev/null)" = "$new" ] || printf '%s\n' "$new" > "$file"
            """#
        // SwiftPM runs a prebuild command with only the environment given here: PATH (to find git) and the override.
        let environment = ProcessInfo.processInfo.environment.filter { ["PATH", "HOME", "MARKETSHAPE_REVISION"].contains($0.key) }
        return [.prebuildCommand(displayName: "Stamping the git revision", executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
                                 environment: environment, outputFilesDirectory: output)]
    }
}
