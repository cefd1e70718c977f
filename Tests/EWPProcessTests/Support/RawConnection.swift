// A plain TCP connection to 127.0.0.1 that sends exactly the bytes a test gives it (half a request,
// a body one byte at a time), for probes no HTTP client would send. Blocking: use from `offPool`.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct RawConnection: Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw E2EError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            let error = errno
            Glibc.close(fd)
            throw E2EError("connect to 127.0.0.1:\(port) failed: errno \(error)")
        }
    }

    /// False when the peer has closed (or reset) the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Reads what is there without waiting; true once the peer has closed the connection.
    func peerClosed() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n > 0 { continue }                       // an answer (e.g. an error status): read on
            if n == 0 { return true }                   // end of stream
            return errno != EAGAIN && errno != EWOULDBLOCK   // a reset counts as closed
        }
    }

    func close() { Glibc.close(fd) }

    /// Waits until the server has closed every connection, or `timeout`; returns how many it closed.
    static func waitForClose(_ connections: [RawConnection], timeout: Duration) -> Int {
        let deadline = ContinuousClock.now + timeout
        var open = connections
        while !open.isEmpty, ContinuousClock.now < deadline {
            open.removeAll { $0.peerClosed() }
            if !open.isEmpty { usleep(50_000) }
        }
        return connections.count - open.count
    }
}
