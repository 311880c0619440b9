/// The registrations of `vehicle_users.csv` as W3 looks them up: (vehicle, user) → the user's
/// registrations on that vehicle. Kept as integers — the vehicle's directory index, the user's
/// `PersonKey` (exact for resident numbers; a 63-bit hash for other documents, as for unit
/// accounts) and the two instants — sorted once, found by binary search: 32 bytes a registration,
/// no string.
struct RegistrationIndex {
    private struct Item {
        var vehicle: Int32
        var user: UInt64
        var registration: Registration
    }

    private var items: [Item] = []
    private var sorted = true

    mutating func add(_ user: VehicleUser) {
        items.append(Item(vehicle: user.vehicle, user: PersonKey.of(user.user),
                          registration: Registration(registeredOn: user.registeredOn, revokedOn: user.revokedOn)))
        sorted = false
    }

    /// Orders the registrations for look-up (input order kept within one vehicle and user).
    mutating func seal() {
        guard !sorted else { return }
        items = items.enumerated().sorted { a, b in
            if a.element.vehicle != b.element.vehicle { return a.element.vehicle < b.element.vehicle }
            if a.element.user != b.element.user { return a.element.user < b.element.user }
            return a.offset < b.offset
        }.map(\.element)
        sorted = true
    }

    /// The user's registrations on the vehicle, in input order (call `seal` first).
    func registrations(vehicle: Int32, user: IdentityNumber) -> [Registration] {
        precondition(sorted, "RegistrationIndex.seal() before look-ups")
        let key = PersonKey.of(user)
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            let item = items[mid]
            if item.vehicle < vehicle || (item.vehicle == vehicle && item.user < key) { low = mid + 1 } else { high = mid }
        }
        var found: [Registration] = []
        while low < items.count, items[low].vehicle == vehicle, items[low].user == key {
            found.append(items[low].registration)
            low += 1
        }
        return found
    }
}
