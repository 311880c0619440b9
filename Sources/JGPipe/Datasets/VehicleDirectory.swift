private import CPosix

/// The vehicles of `vehicles.csv` as SPEC §8 joins them: (plate_no, plate_type) → the vehicle's
/// vin, owner, contact and detachment. Built by streaming the file once through the vehicle
/// stage's own validator (`DatasetLoader.stream`: the rows it keeps are the ones the vehicle stage
/// keeps — valid, duplicates collapsed, conflicting VINs left out) and keeping only these few
/// values per vehicle, as bytes: no `String` and no row per vehicle.
///
/// Memory grows with the vehicles that hold a plate: their seven fields' bytes (≈ 70), seven
/// 4-byte field ends, 3 bytes of flags and detachment, and 8–16 bytes of index (an
/// open-addressing table of 8-byte slots at most half full) — about 110 bytes a vehicle.
public struct VehicleDirectory: Sendable {
    /// One vehicle with its values as strings (notices, the audit file, tests).
    public struct Entry: Sendable, Equatable {
        public let vin: String
        public let owner: VehicleOwner
        public let ownerName: String
        public let ownerPhone: String
        public let plate: String
        public let plateType: String
        public let detachment: String
        public let isOpen: Bool

        public init(vin: String, owner: VehicleOwner, ownerName: String, ownerPhone: String, plate: String,
                    plateType: String, detachment: String, isOpen: Bool) {
            self.vin = vin
            self.owner = owner
            self.ownerName = ownerName
            self.ownerPhone = ownerPhone
            self.plate = plate
            self.plateType = plateType
            self.detachment = detachment
            self.isOpen = isOpen
        }
    }

    /// The fields kept per vehicle, in the store's order: one definition of each position.
    public enum Field: Int, CaseIterable, Sendable {
        case vin, ownerIDType, ownerID, ownerName, ownerPhone, plate, plateType

        /// The `vehicles.csv` column the field is copied from.
        var source: VehicleValidator.Column {
            switch self {
            case .vin: .vin
            case .ownerIDType: .ownerIDType
            case .ownerID: .ownerIDNumber
            case .ownerName: .ownerName
            case .ownerPhone: .ownerPhone
            case .plate: .plate
            case .plateType: .plateType
            }
        }
    }

    private static let width = Field.allCases.count
    private static let openFlag: UInt8 = 1, personFlag: UInt8 = 2

    private var bytes: [UInt8] = []
    /// `width` ends per vehicle into `bytes`; a field starts where the one before it ends.
    private var fieldEnds: [UInt32] = []
    private var flags: [UInt8] = []
    private var detachmentIndex: [UInt16] = []
    private var detachmentCodes: [String] = []
    private var detachmentByCode: [String: UInt16] = [:]
    /// Open addressing: 0 empty, else the key hash's top 32 bits and vehicle + 1.
    private var slots = [UInt64](repeating: 0, count: 1024)
    private var used = 0

    /// Plates held by more than one open vehicle (or more than one closed, and no open): the first
    /// in input order is taken; counted as a warning.
    public private(set) var ambiguousPlates = 0

    /// Vehicles kept (some may have lost their plate to an open vehicle that came later).
    public var count: Int { flags.count }

    init() {}

    /// `vehicles` in input order, each with its canonical row's hash: identical rows collapse; a
    /// VIN on rows that differ is left out, as the vehicle stage rejects it (the tests' way in;
    /// `read` gets the same from `DatasetLoader.stream`).
    public init(vehicles: [(entry: Entry, rowHash: UInt64)]) {
        var firstByVIN: [String: UInt64] = [:]
        var conflicting = Set<String>()
        var kept: [Entry] = []
        for (entry, hash) in vehicles {
            if let first = firstByVIN[entry.vin] {
                if first != hash { conflicting.insert(entry.vin) }
                continue
            }
            firstByVIN[entry.vin] = hash
            kept.append(entry)
        }
        for entry in kept where !conflicting.contains(entry.vin) {
            let person: IdentityNumber? = if case let .person(p) = entry.owner { p } else { nil }
            let values = [entry.vin, person?.type ?? "B", entry.owner.id, entry.ownerName, entry.ownerPhone, entry.plate,
                          entry.plateType].map { Array($0.utf8) }
            values.withFieldPointers { fields in
                add(field: { fields[$0.rawValue] }, isOpen: entry.isOpen, ownerIsPerson: person != nil,
                    detachment: entry.detachment)
            }
        }
    }

    /// Adds one kept vehicle: indexed by its plate unless an earlier vehicle holds the plate and
    /// wins (an open vehicle wins over a closed one; between two alike the first). A vehicle
    /// without a plate, or that loses, is not kept: no violation can reach it.
    mutating func add(field: (Field) -> UnsafeBufferPointer<UInt8>, isOpen: Bool, ownerIsPerson: Bool,
                      detachment: String) {
        let plate = field(.plate), plateType = field(.plateType)
        guard !plate.isEmpty else { return }
        let hash = Self.keyHash(plate, plateType)
        let slot = findSlot(hash, plate, plateType)
        if slots[slot] != 0 {
            let held = Int(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1
            let heldIsOpen = flags[held] & Self.openFlag != 0
            // A plate is reissued only after the old vehicle is closed.
            if isOpen && !heldIsOpen {
                slots[slot] = (hash >> 32) << 32 | UInt64(count + 1)
            } else {
                if isOpen == heldIsOpen { ambiguousPlates += 1 }
                return
            }
        } else {
            slots[slot] = (hash >> 32) << 32 | UInt64(count + 1)
            used += 1
        }
        for f in Field.allCases {
            bytes.append(contentsOf: field(f))
            fieldEnds.append(UInt32(bytes.count))
        }
        flags.append((isOpen ? Self.openFlag : 0) | (ownerIsPerson ? Self.personFlag : 0))
        if let k = detachmentByCode[detachment] {
            detachmentIndex.append(k)
        } else {
            let k = UInt16(detachmentCodes.count)
            detachmentByCode[detachment] = k
            detachmentCodes.append(detachment)
            detachmentIndex.append(k)
        }
        if used * 2 > slots.count { grow() }
    }

    /// The vehicle with this normalised plate and plate type.
    public func vehicle(plate: String, plateType: String) -> Int32? {
        var plate = plate, plateType = plateType
        return plate.withUTF8 { p in plateType.withUTF8 { t in vehicle(plate: p, plateType: t) } }
    }

    public func vehicle(plate: UnsafeBufferPointer<UInt8>, plateType: UnsafeBufferPointer<UInt8>) -> Int32? {
        let slot = findSlot(Self.keyHash(plate, plateType), plate, plateType)
        let value = slots[slot]
        return value == 0 ? nil : Int32(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
    }

    /// Starts loading the slot `vehicle(plate:plateType:)` will read first (see `DatasetValidator.prefetch`).
    func prefetch(plate: UnsafeBufferPointer<UInt8>, plateType: UnsafeBufferPointer<UInt8>) {
        let start = Self.slotIndex(Self.keyHash(plate, plateType), mask: slots.count - 1)
        slots.withUnsafeBufferPointer { jg_prefetch($0.baseAddress! + start) }
    }

    public func isOpen(_ vehicle: Int32) -> Bool { flags[Int(vehicle)] & Self.openFlag != 0 }

    public func detachment(_ vehicle: Int32) -> String { detachmentCodes[Int(detachmentIndex[Int(vehicle)])] }

    /// A field's bytes, valid inside `body`.
    func withField<R>(_ vehicle: Int32, _ field: Field, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let k = Int(vehicle) * Self.width + field.rawValue
        let start = k == 0 ? 0 : Int(fieldEnds[k - 1]), end = Int(fieldEnds[k])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    public func field(_ vehicle: Int32, _ field: Field) -> String {
        withField(vehicle, field) { String(decoding: $0, as: UTF8.self) }
    }

    /// The owner as the vehicle stage read it (SPEC §3's owner key).
    public func owner(_ vehicle: Int32) -> VehicleOwner {
        if flags[Int(vehicle)] & Self.personFlag != 0 {
            return .person(IdentityNumber(validatedType: field(vehicle, .ownerIDType), number: field(vehicle, .ownerID)))
        }
        return withField(vehicle, .ownerID) { .unit(CreditCode(validated: $0)) }
    }

    public func entry(_ vehicle: Int32) -> Entry {
        Entry(vin: field(vehicle, .vin), owner: owner(vehicle), ownerName: field(vehicle, .ownerName),
              ownerPhone: field(vehicle, .ownerPhone), plate: field(vehicle, .plate),
              plateType: field(vehicle, .plateType), detachment: detachment(vehicle), isOpen: isOpen(vehicle))
    }

    // MARK: the index

    static func keyHash(_ plate: UnsafeBufferPointer<UInt8>, _ plateType: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let h = FNV1a.hash(plateType, from: FNV1a.hash(CollectionOfOne(0x1F), from: FNV1a.hash(plate)))
        // FNV-1a's low bits are weak: mix before taking a slot.
        return (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
    }

    private static func slotIndex(_ hash: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: hash >> 7) & mask }

    /// The slot holding this key, or the empty slot where it would go.
    private func findSlot(_ hash: UInt64, _ plate: UnsafeBufferPointer<UInt8>,
                          _ plateType: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = slots.count - 1
        var slot = Self.slotIndex(hash, mask: mask)
        let tag = hash >> 32
        while true {
            let value = slots[slot]
            if value == 0 { return slot }
            if value >> 32 == tag {
                let vehicle = Int32(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                if withField(vehicle, .plate, { $0.elementsEqual(plate) })
                    && withField(vehicle, .plateType, { $0.elementsEqual(plateType) }) {
                    return slot
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for value in old where value != 0 {
            let vehicle = Int32(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
            let hash = withField(vehicle, .plate) { p in withField(vehicle, .plateType) { Self.keyHash(p, $0) } }
            var slot = Self.slotIndex(hash, mask: mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = value
        }
    }

    // MARK: reading vehicles.csv

    /// Streams `vehicles.csv` through the vehicle stage's own validator, on both cores.
    public static func read(path: String, settings: PipelineSettings) throws -> VehicleDirectory {
        let closed = try VehicleSettings(settings.root.table("vehicles")).closedStatuses
        var directory = VehicleDirectory()
        let column = Field.allCases.map(\.source)
        _ = try DatasetLoader.stream(path: path, validator: VehicleValidator(closedStatuses: closed),
                                     extraAliases: settings.extraAliases(for: VehicleValidator.schema),
                                     options: settings.read, progress: { _ in try StopRequest.check() }) { part in
            part.store.withFields { fields in
                for (i, vehicle) in part.records.enumerated() {
                    directory.add(field: { fields.field(i, column[$0.rawValue]) },
                                  isOpen: !vehicle.status.isClosed(closed), ownerIsPerson: vehicle.owner.type == .person,
                                  detachment: settings.detachments.code(for: vehicle.region))
                }
            }
        }
        return directory
    }
}

extension IdentityNumber {
    /// A type and number read back from a canonical row (already validated there).
    init(validatedType type: String, number: String) {
        self.type = type
        self.number = number
    }
}

extension [[UInt8]] {
    /// The arrays' bytes as buffers, valid inside `body`.
    fileprivate func withFieldPointers<R>(_ body: ([UnsafeBufferPointer<UInt8>]) -> R) -> R {
        func step(_ k: Int, _ done: [UnsafeBufferPointer<UInt8>]) -> R {
            guard k < count else { return body(done) }
            return self[k].withUnsafeBufferPointer { step(k + 1, done + [$0]) }
        }
        return step(0, [])
    }
}
