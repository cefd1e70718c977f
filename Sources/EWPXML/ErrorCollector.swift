internal import CLibXML2

/// Collects libxml2's structured errors during ONE synchronous operation on ONE thread.
/// It never leaves that operation, so it needs no locking; libxml2 reaches it through the
/// `void *` user-data pointer of the structured-error callback.
final class ErrorCollector {
    private(set) var problems: [XMLProblem] = []
    private(set) var sawWarning = false
    /// Prefix messages with the file libxml2 names (useful while compiling multi-file schemas).
    let includeFile: Bool

    init(includeFile: Bool = false) { self.includeFile = includeFile }

    var first: XMLProblem? { problems.first }

    func add(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        var message = e.message.map { String(cString: $0) } ?? "libxml2 error \(e.code)"
        while let last = message.last, last.isNewline || last == " " { message.removeLast() }
        if includeFile, let file = e.file {
            let path = String(cString: file)
            let base = path.split(separator: "/").last.map(String.init) ?? path
            message = "\(base): \(message)"
        }
        if e.level == XML_ERR_WARNING { sawWarning = true }
        problems.append(XMLProblem(message, line: e.line > 0 ? Int(e.line) : nil))
    }

    func add(_ problem: XMLProblem) { problems.append(problem) }

    var userData: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Runs `body` with this collector as the calling thread's libxml2 structured error handler,
    /// so nothing libxml2 reports on this thread goes to stderr (I/O warnings of nested parsers
    /// included), then restores the previous handler. libxml2 keeps this handler per thread and
    /// `body` is synchronous, so other threads are not affected.
    func capturing<T>(_ body: () throws(XMLProblem) -> T) throws(XMLProblem) -> T {
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(userData, collectStructuredError)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return try withExtendedLifetime(self) { () throws(XMLProblem) -> T in try body() }
    }
}

/// The C callback. A global `let` because C function pointers cannot capture context; the
/// collector arrives as `userData`. The parameter types are left to inference so the same
/// source compiles against libxml2 < 2.12 (`xmlErrorPtr`) and >= 2.12 (`const xmlError *`).
let collectStructuredError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    collector.add(UnsafePointer(error))
}
