import EWPAPIs
import EWPRegistry
import EWPStore
import Logging

extension InstitutionSource {
    /// The institution data of the covered HEIs as `Manifest/manifest.json` describes them (a covered
    /// HEI missing there is named by its id), with imports and the registry catalogue on top.
    public init(manifest: ManifestSettings, coveredHEIs: [String], store: any Store, catalogue: @escaping @Sendable () -> Catalogue?,
                logger: Logger) {
        self.init(coveredHEIs: coveredHEIs, configured: { heiID in
            let described = manifest.institution(heiID) ?? ManifestSettings.Institution(heiID: heiID, names: [LocalizedText(lang: "en", value: heiID)])
            return Configured(institution: described.institution, factsheet: described.factsheet?.element(heiID: heiID), ounits: described.ounits ?? [])
        }, store: store, catalogue: catalogue, logger: logger)
    }
}
