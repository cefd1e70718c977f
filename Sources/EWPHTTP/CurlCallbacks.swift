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

/// Hands `n` bytes to the transfer behind `userdata`; returns `n` if it took them, 0 to abort.
private func deliver(_ data: UnsafeMutablePointer<CChar>?, _ n: Int, _ userdata: UnsafeMutableRawPointer?,
                     _ receive: (CurlTransfer, UnsafeRawBufferPointer) -> Bool) -> Int {
    guard let userdata else { return 0 }
    guard n > 0, let data else { return n }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return receive(transfer, UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
}
