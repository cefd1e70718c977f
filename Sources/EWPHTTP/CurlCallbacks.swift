import CCurl

/// libcurl's C callbacks. They cannot capture, so the `userdata` pointer is an unretained `CurlTransfer`;
/// the transfer outlives its easy handle's membership in the multi handle (the driver keeps it in
/// `active` until the transfer is removed).

/// `CURLOPT_WRITEFUNCTION`: appends body bytes; returning less than given aborts with CURLE_WRITE_ERROR,
/// which is how the response size cap stops a hostile partner.
let curlWriteCallback: curl_write_callback = { data, size, count, userdata in
    deliver(data, size * count, userdata) { $0.receiveBody($1) }
}

/// `CURLOPT_HEADERFUNCTION`: one complete header line per call, status lines included.
let curlHeaderCallback: curl_write_callback = { data, size, count, userdata in
    deliver(data, size * count, userdata) { $0.receiveHeaderLine($1) }
}

/// `CURLOPT_PREREQFUNCTION`: called each time libcurl is about to send the request on a connection.
/// The first call is our request; a second one is libcurl resending it by itself because a reused
/// connection died before any answer. That resend carries the same X-Request-Id and signature, which
/// a partner that saw the first attempt refuses as a replay, so it is aborted here and the caller
/// (EWPClient) retries with a freshly signed request.
let curlPrereqCallback: curl_prereq_callback = { userdata, _, _, _, _ in
    guard let userdata else { return CURL_PREREQFUNC_OK }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.startSending() ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT
}

/// Hands `n` bytes to the transfer behind `userdata`; returns `n` if it took them, 0 to abort.
private func deliver(_ data: UnsafeMutablePointer<CChar>?, _ n: Int, _ userdata: UnsafeMutableRawPointer?,
                     _ receive: (CurlTransfer, UnsafeRawBufferPointer) -> Bool) -> Int {
    guard let userdata else { return 0 }
    guard n > 0, let data else { return n }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return receive(transfer, UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
}
