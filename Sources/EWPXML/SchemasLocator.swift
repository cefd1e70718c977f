#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the `Schemas/` folder (recognised by its `catalog.xml`), in this order:
/// `$EWP_SCHEMAS_DIR`; `./Schemas`; beside the executable; `<exe dir>/../share/ewp-node/Schemas`
/// (installed layout); `<exe dir>/../../Schemas` and `<exe dir>/../../../Schemas` (a SwiftPM
/// build tree: `.build/debug/x` and `.build/<triple>/debug/x`).
public enum SchemasLocator {
    public static func directory() -> String? {
        if let env = getenv("EWP_SCHEMAS_DIR") {
            let dir = String(cString: env)
            if !dir.isEmpty { return isSchemasDirectory(dir) ? dir : nil }
        }
        var candidates = ["Schemas"]
        if let exe = executableDirectory() {
            candidates += [exe + "/Schemas", exe + "/../share/ewp-node/Schemas",
                           exe + "/../../Schemas", exe + "/../../../Schemas"]
        }
        return candidates.first(where: isSchemasDirectory).map(SchemaCompiler.absolutePath)
    }

    static func isSchemasDirectory(_ path: String) -> Bool {
        access(path + "/catalog.xml", R_OK) == 0
    }

    private static func executableDirectory() -> String? {
        var path: String?
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        if path == nil, let first = CommandLine.arguments.first, first.contains("/") { path = first }
        guard let path, let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }
}
