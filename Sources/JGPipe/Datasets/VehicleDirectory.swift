/// The vehicles of `vehicles.csv` as SPEC §8 joins them: (plate_no, plate_type) → the vehicle's
/// vin, owner, contact and detachment. Built by streaming the file once and keeping only these
/// few values per vehicle, never the vehicle rows; the rows it keeps are the ones the vehicle
/// stage keeps (valid, duplicates collapsed, conflicting VINs left out).
public struct VehicleDirectory: Sendable {
    public struct Entry: Sendable, Equatable {
        public let vin: String
        public let owner: VehicleOwner
        public let ownerName: String
        public let ownerPhone: String
        public let plate: String
        public let plateType: String
        public let detachment: String
        public let isOpen: Bool
    }

    public private(set) var entries: [Entry] = []
    private var byPlate: [String: Int32] = [:]
    /// Plates held by more than one open vehicle (or more than one closed, and no open): the first
    /// in input order is taken; counted as a warning.
    public private(set) var ambiguousPlates = 0

    static func key(plate: String, plateType: String) -> String { plate + "\u{1F}" + plateType }

    /// `vehicles` in input order: the valid vehicles with their canonical row's hash (identical rows
    /// collapse; a VIN on rows that differ is left out, as the vehicle stage rejects it).
    public init(vehicles: [(entry: Entry, rowHash: UInt64)]) {
        var firstByVIN: [String: (index: Int, rowHash: UInt64)] = [:]
        var conflicting = Set<String>()
        var kept: [Entry] = []
        for (entry, hash) in vehicles {
            if let first = firstByVIN[entry.vin] {
                if first.rowHash != hash { conflicting.insert(entry.vin) }
                continue
            }
            firstByVIN[entry.vin] = (kept.count, hash)
            kept.append(entry)
        }
        entries = kept.filter { !conflicting.contains($0.vin) }
        for (i, entry) in entries.enumerated() where !entry.plate.isEmpty {
            let key = Self.key(plate: entry.plate, plateType: entry.plateType)
            if let held = byPlate[key] {
                // An open vehicle wins over a closed one that had the plate before it.
                let heldIsOpen = entries[Int(held)].isOpen
                if entry.isOpen && !heldIsOpen {
                    byPlate[key] = Int32(i)
                } else if entry.isOpen == heldIsOpen {
                    ambiguousPlates += 1
                }
            } else {
                byPlate[key] = Int32(i)
            }
        }
    }

    /// The vehicle with this normalised plate and plate type.
    public func vehicle(plate: String, plateType: String) -> Int32? {
        byPlate[Self.key(plate: plate, plateType: plateType)]
    }

    /// Streams `vehicles.csv` through the vehicle stage's own validator.
    public static func read(path: String, settings: PipelineSettings) throws -> VehicleDirectory {
        let closed = try VehicleSettings(settings.root.table("vehicles")).closedStatuses
        let validator = VehicleValidator(closedStatuses: closed)
        var vehicles: [(entry: Entry, rowHash: UInt64)] = []
        var map: HeaderMap?
        _ = try DatasetFile.read(path: path, schema: VehicleValidator.schema,
                                 extraAliases: settings.extraAliases(for: VehicleValidator.schema), options: settings.read) {
            map = $0
        } row: { row in
            guard let map, row.fields.count == map.header.count else { return }
            let schemaRow = SchemaRow(row: row, map: map, schema: VehicleValidator.schema)
            guard let vehicle = try? validator.validate(schemaRow) else { return }
            typealias Column = VehicleValidator.Column
            let canonical = validator.canonicalFields(vehicle, schemaRow)
            let hash = canonical.reduce(FNV1a.offsetBasis) { FNV1a.hash(CollectionOfOne(0x1F), from: FNV1a.hash($1.utf8, from: $0)) }
            vehicles.append((Entry(vin: vehicle.vin.value, owner: vehicle.owner, ownerName: canonical[Column.ownerName],
                                   ownerPhone: canonical[Column.ownerPhone], plate: vehicle.plate?.value ?? "",
                                   plateType: canonical[Column.plateType],
                                   detachment: settings.detachments.code(for: vehicle.region),
                                   isOpen: !vehicle.status.isClosed(closed)), hash))
        }
        return VehicleDirectory(vehicles: vehicles)
    }
}
