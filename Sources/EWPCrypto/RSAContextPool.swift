internal import COpenSSL
import Synchronization

/// The SHA-256 implementation, fetched from OpenSSL's default provider once. `EVP_sha256()` makes
/// every digest, sign and verify look the algorithm up again in the provider store, under a lock
/// all threads share.
///
/// `@unchecked Sendable`: a fetched `EVP_MD` is immutable and OpenSSL 3 allows using it from any
/// number of threads at once; it is never freed (one per process).
final class FetchedDigest: @unchecked Sendable {
    let md: OpaquePointer

    static let sha256 = FetchedDigest("SHA256")

    private init(_ name: String) {
        // Only a broken OpenSSL installation lacks SHA-256 in its default provider.
        guard let md = EVP_MD_fetch(nil, name, nil) else { preconditionFailure("OpenSSL has no \(name): \(OpenSSLErrorQueue.drain())") }
        self.md = md
    }
}

/// Ready-made `EVP_PKEY_CTX`s of one RSA key for one operation (RSASSA-PKCS1-v1_5 signing or
/// verification of a SHA-256 digest). Creating and initialising a context costs allocations and
/// provider look-ups under shared locks; a signed request needs two, so contexts are reused.
///
/// `@unchecked Sendable`: an `EVP_PKEY_CTX` must not be used by two threads at once. Each context is
/// either in the mutex-guarded free list or held by exactly one `withContext` call, which takes it
/// out and puts it back (or frees it) when done. The key the contexts refer to is owned by the
/// object that owns the pool and outlives it; the pool frees its idle contexts in `deinit`.
final class RSAContextPool: @unchecked Sendable {
    enum Operation { case sign, verify }

    /// Idle contexts kept; more callers at once get a fresh context that is freed afterwards.
    static let kept = 16

    private let pkey: OpaquePointer
    private let operation: Operation
    private let idle = Mutex<[IdleContext]>([])

    /// An `EVP_PKEY_CTX` in the free list. `@unchecked Sendable`: it is handed from one thread to
    /// the next only through the mutex, and used by one `withContext` call at a time.
    private struct IdleContext: @unchecked Sendable { let pointer: OpaquePointer }

    init(pkey: OpaquePointer, operation: Operation) {
        self.pkey = pkey
        self.operation = operation
    }

    deinit {
        idle.withLock { contexts in
            for context in contexts { EVP_PKEY_CTX_free(context.pointer) }
            contexts.removeAll()
        }
    }

    /// Runs `body` with a context of its own. `body` returns nil when OpenSSL failed: that context
    /// is freed rather than reused, and OpenSSL's error queue is left for the caller to read.
    func withContext<R>(_ body: (OpaquePointer) -> R?) -> R? {
        guard let context = idle.withLock({ $0.popLast()?.pointer }) ?? makeContext() else { return nil }
        guard let result = body(context) else {
            EVP_PKEY_CTX_free(context)
            return nil
        }
        let returned = IdleContext(pointer: context)
        let kept = idle.withLock { contexts in
            guard contexts.count < Self.kept else { return false }
            contexts.append(returned)
            return true
        }
        if !kept { EVP_PKEY_CTX_free(context) }
        return result
    }

    private func makeContext() -> OpaquePointer? {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { return nil }
        let ready = (operation == .sign ? EVP_PKEY_sign_init(context) : EVP_PKEY_verify_init(context)) == 1
            && EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1
            && EVP_PKEY_CTX_set_signature_md(context, FetchedDigest.sha256.md) == 1
        guard ready else {
            EVP_PKEY_CTX_free(context)
            return nil
        }
        return context
    }
}
