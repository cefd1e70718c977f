import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Loopback ports for the servers tests start (nodes, nginx, fake partners, PostgreSQL).
public enum LoopbackPorts {
    /// Every port handed out in this test process: suites run in parallel, and two of them once got
    /// the same port, free when each checked it; the child that lost the race failed to bind while
    /// the other suite's server answered its readiness check, so a test talked to the wrong node.
    private static let handedOut = Mutex<Set<Int>>([])

    /// A loopback port free now and never handed out before in this process. Chosen below the
    /// kernel's ephemeral range (32768-60999 here), which the kernel hands to outgoing connections:
    /// a port from that range, freed by this check, was at times taken by one of the many
    /// connections of a parallel test before the child bound it. Ports below it are only ever
    /// taken by a bind.
    public static func free() throws -> Int {
        for _ in 0..<500 {
            let port = Int.random(in: 20_000..<32_768)
            if try isFree(port), handedOut.withLock({ $0.insert(port).inserted }) { return port }
        }
        throw PortError("no free loopback port found in 20000-32767")
    }

    private static func isFree(_ port: Int) throws -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PortError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0
    }
}

public struct PortError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
