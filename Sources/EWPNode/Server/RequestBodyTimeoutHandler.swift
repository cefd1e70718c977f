// NIOCore and NIOHTTPTypes come with Hummingbird (its server pipeline is built from them); they
// are imported here only, for the one channel handler Hummingbird has no setting for.
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body has not arrived in full `timeout` after the request's
/// header (`HTTPServerLimits.readTimeout`). Hummingbird's idle timeout bounds the header (nothing
/// counts as activity before it is complete) but restarts with every body chunk, so a body sent
/// one byte at a time would otherwise hold the connection for ever.
final class RequestBodyTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: Duration) {
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                context.close(promise: nil)
            }
        case .end:
            deadline?.cancel()
            deadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}
