import EWPAPIs
import EWPXML

/// At start: the institution data of Manifest/manifest.json must make schema-valid Institutions,
/// OUnits and Factsheet responses for every covered HEI, so a typo (a country "Poland", a phone
/// without "+") stops the node with a message instead of partners receiving invalid documents.
public enum InstitutionConfigurationCheck {
    public static func validate(_ configuration: NodeConfiguration, schemas: SchemaCache) throws(ConfigurationError) {
        let source = configuration.manifest
        for heiID in configuration.heiIDs {
            guard let described = source.institution(heiID.value) else { continue }
            var documents = [(SchemaFile.institutionsResponse, "institution data", InstitutionsAPI.response([described.institution.element])),
                             (SchemaFile.ounitsResponse, "ounits", OUnitsAPI.response(described.ounits ?? []))]
            if let factsheet = described.factsheet {
                documents.append((SchemaFile.factsheetResponse, "factsheet", FactsheetAPI.response([factsheet.element(heiID: heiID.value)])))
            }
            for (file, what, document) in documents {
                let problems: [XMLProblem]
                do {
                    problems = try schemas.schema(file).validate(document, prefixes: InstitutionNamespace.prefixes)
                } catch {
                    throw ConfigurationError("cannot load the schema \(file): \(error)")
                }
                if !problems.isEmpty {
                    var seen = Set<String>()
                    let messages = problems.map(\.message).filter { seen.insert($0).inserted }
                    throw ConfigurationError("the manifest description (EWP_MANIFEST, default Manifest/manifest.json): the \(what) of \(heiID) would not be valid EWP XML:\n  "
                        + messages.joined(separator: "\n  "))
                }
            }
        }
    }
}
