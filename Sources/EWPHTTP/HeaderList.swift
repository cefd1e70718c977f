/// Header lists keep order and repeats exactly as sent or received.
public typealias HeaderList = [(name: String, value: String)]
