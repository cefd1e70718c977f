/// File names in `Schemas/` for `SchemaCache.schema(_:)` (naming rule in Schemas/README.md).
public enum SchemaFile {
    /// `error-response` (and every common type).
    public static let errorResponse = "common-types.xsd"
    /// Echo v2 `response`.
    public static let echoResponse = "echo-response.xsd"
    /// Discovery v6 `manifest` WITH every API entry and security method we know, so the lax
    /// wildcards are checked. Use this, not `discovery-manifest.xsd`, to validate manifests.
    public static let manifest = "manifest-with-entries.xsd"
    /// Registry v1 `catalogue`, with the API entries inside `apis-implemented` left to the lax
    /// wildcard: a partner's entry written for a newer minor version of an API must not make the
    /// whole catalogue (and with it every partner's keys) unusable. Our own manifest is checked
    /// strictly with `manifest` instead.
    public static let catalogue = "registry-catalogue.xsd"
}
