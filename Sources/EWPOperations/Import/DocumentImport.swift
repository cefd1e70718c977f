import EWPCore
import EWPStore
import EWPXML
import Foundation

/// The one import use case behind `ewp-node import` and `POST /admin/import`: an EWP document,
/// recognised by its root element, goes to the importer of its kind, all or nothing per document.
/// Each importer is opened on first use and kept for the documents that follow.
public struct DocumentImport: Sendable {
    /// The documents it takes.
    public static let rootNames = [IIAImporter.rootName, LAImporter.rootName, ToRImporter.rootName, OMobilityImporter.rootName] + InstitutionDataImporter.rootNames.sorted()

    /// What became of one document: the lines to show, and whether it was refused (nothing stored).
    public struct Outcome: Sendable, Equatable {
        public let lines: [String]
        public let refused: Bool

        static func refused(_ line: String) -> Outcome { Outcome(lines: [line], refused: true) }
    }

    let operations: NodeOperations
    /// The sending HEI of the ToRs whose learning agreement we do not hold (`--sending-hei`).
    let sendingHEI: HEIID?
    private var iias: IIAImporter?
    private var learningAgreements: LAImporter?
    private var tors: ToRImporter?
    private var mobilities: OMobilityImporter?
    private var institutionData: InstitutionDataImporter?

    /// The importers come from `operations` (its store, schema cache and notification policy).
    public init(operations: NodeOperations, sendingHEI: HEIID? = nil) {
        self.operations = operations
        self.sendingHEI = sendingHEI
    }

    public mutating func importDocument(_ document: [UInt8], now: Date = Date()) async -> Outcome {
        let root: XElement
        do {
            root = try XMLReader.parse(document)
        } catch {
            return .refused("not well-formed XML: \(error)")
        }
        do {
            switch root.name {
            case IIAImporter.rootName:
                if iias == nil { iias = try operations.iiaImporter() }
                let report = await iias!.importDocument(document, now: now)
                return Outcome(lines: report.lines, refused: report.rejected)
            case LAImporter.rootName:
                if learningAgreements == nil { learningAgreements = try operations.laImporter() }
                let report = await learningAgreements!.importDocument(document, now: now)
                return Outcome(lines: report.lines, refused: report.rejected)
            case ToRImporter.rootName:
                if tors == nil { tors = try operations.torImporter() }
                let report = await tors!.importDocument(document, sendingHEI: sendingHEI, now: now)
                return Outcome(lines: report.lines, refused: report.rejected)
            case OMobilityImporter.rootName:
                if mobilities == nil { mobilities = try operations.omobilityImporter() }
                let report = await mobilities!.importDocument(document, now: now)
                return Outcome(lines: report.lines, refused: report.rejected)
            case let name where InstitutionDataImporter.rootNames.contains(name):
                if institutionData == nil { institutionData = operations.institutionDataImporter() }
                do {
                    return Outcome(lines: try await institutionData!.importDocument(document, root: root, now: now), refused: false)
                } catch {
                    return .refused("\(error)")
                }
            default:
                return .refused("\(root.name) is not a document ewp-node imports (expected one of \(Self.rootNames.joined(separator: ", ")))")
            }
        } catch {
            return .refused("cannot import \(root.name): \(error)")
        }
    }
}
