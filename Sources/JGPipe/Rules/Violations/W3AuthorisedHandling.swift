/// SPEC §8 W3 `finding`.
public enum AuthorisationFinding: String, Sendable, CaseIterable {
    /// The handler has no registration for the vehicle.
    case notRegistered = "NOT_REGISTERED"
    /// One of the handler's registrations began on or before the violation but was revoked by then.
    case revokedBeforeViolation = "REVOKED_BEFORE_VIOLATION"
    /// Every registration of the handler began after the violation.
    case registeredAfterViolation = "REGISTERED_AFTER_VIOLATION"
}

/// One registration (备案) of a user on a vehicle.
public struct Registration: Equatable, Sendable {
    public var registeredOn: DateTime
    public var revokedOn: DateTime?
}

/// W3 (SPEC §8; measure 一.五.4: an authorised person may handle a vehicle's non-site violations
/// only when registered on that vehicle, and only violations after the registration): a
/// processed, non-site violation processed on or after the cutover by a handler who is not the
/// vehicle's owner must have been handled by a registered user whose registration was in force
/// when the violation occurred (registered_on ≤ occurred_at, revoked_on empty or after it).
/// `registrations` are the handler's registrations on this vehicle. A violation processed after A
/// is audited on the first night on or after that day (SPEC §8: a record dated after A waits).
func applyW3(nonSite: Bool, occurredAt: DateTime, processedAt: DateTime?, handler: IdentityNumber?,
             owner: VehicleOwner, registrations: [Registration], cutover: CalendarDate,
             asOf: CalendarDate) -> AuthorisationFinding? {
    guard nonSite, let processedAt, let handler, processedAt.date >= cutover, processedAt.date <= asOf,
          owner != .person(handler) else {
        return nil
    }
    let occurred = occurredAt.sortKey
    let begunBefore = registrations.filter { $0.registeredOn.sortKey <= occurred }
    if begunBefore.contains(where: { $0.revokedOn.map { $0.sortKey > occurred } ?? true }) { return nil }
    if registrations.isEmpty { return .notRegistered }
    return begunBefore.isEmpty ? .registeredAfterViolation : .revokedBeforeViolation
}

extension RuleWording {
    static let W3 = RuleWording(label: "委托处理非现场违法核查", section: "一.五")
}
