import CLibFuzzer
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry points. The binary holds every target; `EWP_FUZZ_TARGET` picks one (see
/// `FuzzTarget`), so that one build and one link serve them all.
///
/// `main`: SwiftPM links an executable with `main` renamed to `<module>_main` (here `ewp_fuzz_main`,
/// which `-parse-as-library` leaves for us to define), so libFuzzer's own `main` is not used; this
/// one starts libFuzzer's driver. Should SwiftPM stop renaming, libFuzzer's `main` calls
/// `LLVMFuzzerTestOneInput` below, and the build works either way.
@_cdecl("ewp_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = FuzzTarget.selected
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = FuzzTarget.selected
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.selected.run(bytes)
    return 0
}

extension FuzzTarget {
    /// Read once, at start-up; an unknown or missing name stops the run with the list of targets.
    static let selected: FuzzTarget = {
        let name = getenv("EWP_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
            report("set EWP_FUZZ_TARGET to one of: \(names)")
            exit(2)
        }
        return target
    }()
}

/// A broken invariant: a crash that libFuzzer records with the input that caused it.
func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        report("invariant broken: \(message())")
        abort()
    }
}

/// One line on standard error (file descriptor 2: the C `stderr` global is not concurrency-safe).
func report(_ text: String) {
    var line = "ewp-fuzz: " + text + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
