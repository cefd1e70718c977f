import CCurl

/// libcurl's C callbacks. They cannot capture, so the `userdata` pointer is an unretained `CurlTransfer`;
/// the transfer outlives its easy handle's membership in the multi handle (the driver keeps it in
/// `active` until the transfer is removed).

/// `CURLOPT_WRITEFUNCTION`: appends body bytes; returning less than given aborts with CURLE_WRITE_ERROR,
/// which is how the response size cap stops a hostile partner.
let curlWriteCallback: curl_write_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let n = size * count
    guard n > 0, let data else { return n }
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
}

/// `CURLOPT_HEADERFUNCTION`: one complete header line per call, status lines included.
let curlHeaderCallback: curl_write_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let n = size * count
    guard n > 0, let data else { return n }
    return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
}
