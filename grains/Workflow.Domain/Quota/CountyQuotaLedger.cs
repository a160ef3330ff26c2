using System.Globalization;
using System.Text.Json;

namespace Workflow.Domain;

/// <summary>
/// The supplementary farmland quota pool of one county. Every operation validates fully before it changes
/// anything, so a refusal leaves the state exactly as it was; repeats by id are no-ops.
/// </summary>
public sealed class CountyQuotaLedger
{
    private readonly FarmlandBalanceRuleBook ruleBook;

    public CountyQuotaLedger(string county, FarmlandBalanceRuleBook? ruleBook = null)
        : this(new CountyQuotaLedgerState { County = county }, ruleBook)
    {
    }

    /// <param name="state">Loaded state; the ledger changes it in place.</param>
    /// <param name="ruleBook">Yields for lots deposited without a capacity; the standard book by default.</param>
    public CountyQuotaLedger(CountyQuotaLedgerState state, FarmlandBalanceRuleBook? ruleBook = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(state.County);
        State = state;
        this.ruleBook = ruleBook ?? FarmlandBalanceRuleBook.Standard;
    }

    public CountyQuotaLedgerState State { get; }

    public string County => State.County;

    public QuotaAmount Available => SumOverLots(lot => lot.Available);

    public QuotaAmount Reserved => SumOverLots(lot => lot.Reserved);

    public QuotaAmount Consumed => SumOverLots(lot => lot.Consumed);

    /// <summary>Deposits plus transfers in minus transfers out.</summary>
    public QuotaAmount DepositedNet => State.Deposited + State.TransferredIn - State.TransferredOut;

    public static CountyQuotaLedger FromJson(string json, FarmlandBalanceRuleBook? ruleBook = null)
    {
        var state = JsonSerializer.Deserialize<CountyQuotaLedgerState>(json)
            ?? throw new JsonException("Ledger state JSON was null.");
        return new CountyQuotaLedger(state, ruleBook);
    }

    public string ToJson() => JsonSerializer.Serialize(State);

    public QuotaLot? FindLot(string lotId) => State.Lots.GetValueOrDefault(lotId);

    public QuotaReservation? FindReservation(string reservationId) =>
        State.Reservations.GetValueOrDefault(reservationId);

    public QuotaTransfer? FindTransfer(string transferId) => State.Transfers.GetValueOrDefault(transferId);

    /// <summary>Lots in drawing order: oldest certification first, then lot id.</summary>
    public IReadOnlyList<QuotaLot> LotsInDrawingOrder() =>
    [
        .. State.Lots.Values
            .OrderBy(lot => lot.CertifiedOn)
            .ThenBy(lot => lot.LotId, StringComparer.Ordinal),
    ];

    public QuotaOutcome DepositLot(QuotaLot lot, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lot);
        if (InvalidLotReason(lot) is { } reason)
        {
            return QuotaOutcome.Refused(QuotaRules.InvalidLot, $"Lot '{lot.LotId}': {reason}.");
        }

        var capacityKg = lot.CapacityKg
            ?? ruleBook.InForceOn(lot.CertifiedOn).Yields.CapacityKg(lot.AreaMu, lot.Grade);
        var certified = lot.Definition() with { CapacityKg = capacityKg };
        if (State.Lots.TryGetValue(lot.LotId, out var existing))
        {
            return existing.Definition() == certified
                ? QuotaOutcome.AlreadyApplied()
                : QuotaOutcome.Refused(
                    QuotaRules.LotConflict,
                    $"Lot '{lot.LotId}' was already deposited with different content.");
        }

        var deposited = certified with { Available = certified.CertifiedAmount };
        State.Lots[deposited.LotId] = deposited;
        State.Deposited += deposited.CertifiedAmount;
        return QuotaOutcome.Applied(
            [NewMovement(QuotaMovementKinds.Deposit, deposited.LotId, deposited.CertifiedAmount, at)]);
    }

    /// <summary>
    /// Holds <paramref name="amount"/> for a project's draft filing. All three indicators must be available or
    /// nothing is reserved; each indicator is drawn separately from the oldest lots, splitting lots as needed.
    /// </summary>
    public QuotaOutcome Reserve(string reservationId, string projectCode, QuotaAmount amount, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reservationId) || string.IsNullOrWhiteSpace(projectCode))
        {
            return QuotaOutcome.Refused(QuotaRules.InvalidReservation, "Reservation id and project code are required.");
        }

        if (amount is null || !amount.IsNonNegative() || amount.IsZero())
        {
            return QuotaOutcome.Refused(
                QuotaRules.InvalidReservation,
                $"Reservation '{reservationId}' must ask for a positive amount, not {amount}.");
        }

        if (State.Reservations.TryGetValue(reservationId, out var existing))
        {
            return existing.ProjectCode == projectCode && existing.Amount == amount
                ? QuotaOutcome.AlreadyApplied()
                : QuotaOutcome.Refused(
                    QuotaRules.ReservationConflict,
                    $"Reservation '{reservationId}' already exists for project '{existing.ProjectCode}' "
                    + $"with {existing.Amount}.");
        }

        var available = Available;
        if (available.FirstShortIndicator(amount) is { } shortIndicator)
        {
            return ShortRefusal(shortIndicator, amount, available);
        }

        var draws = DrawEachIndicator(amount);
        var movements = new List<QuotaMovement>(draws.Count);
        foreach (var draw in draws)
        {
            UpdateLot(draw.LotId, lot => lot with
            {
                Available = lot.Available - draw.Amount,
                Reserved = lot.Reserved + draw.Amount,
            });
            movements.Add(NewMovement(QuotaMovementKinds.Reserve, draw.LotId, draw.Amount, at) with
            {
                ReservationId = reservationId,
                ProjectCode = projectCode,
            });
        }

        State.Reservations[reservationId] =
            new QuotaReservation(reservationId, projectCode, amount, draws, ReservationStatus.Reserved, at);
        return QuotaOutcome.Applied(movements);
    }

    /// <summary>Writes the reserved quota off for good when the filing is approved.</summary>
    public QuotaOutcome Consume(string reservationId, DateTimeOffset at)
    {
        if (!State.Reservations.TryGetValue(reservationId ?? "", out var reservation))
        {
            return QuotaOutcome.Refused(
                QuotaRules.ReservationUnknown,
                $"No reservation '{reservationId}' in county '{County}'.");
        }

        return reservation.Status switch
        {
            ReservationStatus.Consumed => QuotaOutcome.AlreadyApplied(),
            ReservationStatus.Released => QuotaOutcome.Refused(
                QuotaRules.ReservationReleased,
                $"Reservation '{reservationId}' was released and cannot be consumed."),
            _ => Settle(reservation, ReservationStatus.Consumed, QuotaMovementKinds.Consume, at),
        };
    }

    /// <summary>Returns reserved quota to the lots it came from when a filing is rejected or withdrawn.</summary>
    public QuotaOutcome Release(string reservationId, DateTimeOffset at)
    {
        if (!State.Reservations.TryGetValue(reservationId ?? "", out var reservation))
        {
            return QuotaOutcome.NothingToRelease();
        }

        return reservation.Status switch
        {
            ReservationStatus.Released => QuotaOutcome.AlreadyApplied(),
            ReservationStatus.Consumed => QuotaOutcome.Refused(
                QuotaRules.ReservationConsumed,
                $"Reservation '{reservationId}' was consumed and cannot be released."),
            _ => Settle(reservation, ReservationStatus.Released, QuotaMovementKinds.Release, at),
        };
    }

    /// <summary>
    /// Moves available quota to another county. Area and paddy are drawn separately from the oldest lots; capacity
    /// goes with the area, at each lot's capacity per mu. The returned parts let the receiver create its lots.
    /// </summary>
    public QuotaOutcome TransferOut(
        string transferId,
        string toCounty,
        decimal areaMu,
        decimal paddyMu,
        decimal priceYuan,
        string approvedBy,
        DateTimeOffset at)
    {
        if (InvalidTransferReason(transferId, toCounty, priceYuan, approvedBy) is { } reason)
        {
            return QuotaOutcome.Refused(QuotaRules.InvalidTransfer, reason);
        }

        if (areaMu < 0m || paddyMu < 0m || (areaMu == 0m && paddyMu == 0m))
        {
            return QuotaOutcome.Refused(
                QuotaRules.InvalidTransfer,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Transfer '{transferId}' must move a positive area or paddy, not {areaMu} mu / {paddyMu} mu."));
        }

        if (State.Transfers.TryGetValue(transferId, out var existing))
        {
            var same = existing.Direction == TransferDirection.Out
                && existing.Counterparty == toCounty
                && existing.Amount.AreaMu == areaMu
                && existing.Amount.PaddyMu == paddyMu
                && existing.PriceYuan == priceYuan
                && existing.ApprovedBy == approvedBy;
            return same ? QuotaOutcome.AlreadyApplied(existing.Parts) : TransferConflict(transferId);
        }

        // Capacity is checked by neither side here: it follows the area, so it cannot be asked for.
        var requested = new QuotaAmount(areaMu, paddyMu, 0m);
        var available = Available;
        if (available.FirstShortIndicator(requested) is { } shortIndicator)
        {
            return ShortRefusal(shortIndicator, requested, available);
        }

        var draws = DrawEachIndicator(requested);
        var parts = new List<TransferredQuotaPart>(draws.Count);
        var movements = new List<QuotaMovement>(draws.Count);
        foreach (var draw in draws)
        {
            var lot = State.Lots[draw.LotId];
            var capacityKg = Math.Min(
                lot.Available.CapacityKg,
                Math.Round(draw.Amount.AreaMu * lot.CapacityKgPerMu, 3, MidpointRounding.ToZero));
            var part = new TransferredQuotaPart(
                lot.LotId, lot.Source, lot.Grade, lot.CertifiedOn, draw.Amount.AreaMu, draw.Amount.PaddyMu, capacityKg);
            UpdateLot(lot.LotId, current => current with
            {
                Available = current.Available - part.Amount,
                TransferredOut = current.TransferredOut + part.Amount,
            });
            parts.Add(part);
            movements.Add(TransferMovement(
                QuotaMovementKinds.TransferOut, lot.LotId, part.Amount, transferId, toCounty, priceYuan, approvedBy, at));
        }

        var transfer = new QuotaTransfer(transferId, TransferDirection.Out, toCounty, priceYuan, approvedBy, at, parts);
        State.Transfers[transferId] = transfer;
        State.TransferredOut += transfer.Amount;
        return QuotaOutcome.Applied(movements, parts);
    }

    /// <summary>Receives quota from another county as lots named "{transferId}/{sourceLotId}".</summary>
    public QuotaOutcome TransferIn(
        string transferId,
        string fromCounty,
        IReadOnlyList<TransferredQuotaPart> parts,
        decimal priceYuan,
        string approvedBy,
        DateTimeOffset at)
    {
        if ((InvalidTransferReason(transferId, fromCounty, priceYuan, approvedBy)
                ?? InvalidPartsReason(transferId, parts)) is { } reason)
        {
            return QuotaOutcome.Refused(QuotaRules.InvalidTransfer, reason);
        }

        if (State.Transfers.TryGetValue(transferId, out var existing))
        {
            var same = existing.Direction == TransferDirection.In
                && existing.Counterparty == fromCounty
                && existing.PriceYuan == priceYuan
                && existing.ApprovedBy == approvedBy
                && existing.Parts.SequenceEqual(parts);
            return same ? QuotaOutcome.AlreadyApplied() : TransferConflict(transferId);
        }

        var lots = parts
            .Select(part => new QuotaLot
            {
                LotId = ReceivedLotId(transferId, part.SourceLotId),
                Source = part.Source,
                AreaMu = part.AreaMu,
                PaddyMu = part.PaddyMu,
                Grade = part.Grade,
                CertifiedOn = part.CertifiedOn,
                CapacityKg = part.CapacityKg,
                Available = part.Amount,
            })
            .ToList();
        if (lots.FirstOrDefault(lot => State.Lots.ContainsKey(lot.LotId)) is { } clash)
        {
            return QuotaOutcome.Refused(QuotaRules.LotConflict, $"Lot '{clash.LotId}' already exists.");
        }

        var movements = new List<QuotaMovement>(lots.Count);
        foreach (var lot in lots)
        {
            State.Lots[lot.LotId] = lot;
            movements.Add(TransferMovement(
                QuotaMovementKinds.TransferIn, lot.LotId, lot.CertifiedAmount, transferId, fromCounty, priceYuan, approvedBy, at));
        }

        var transfer = new QuotaTransfer(transferId, TransferDirection.In, fromCounty, priceYuan, approvedBy, at, [.. parts]);
        State.Transfers[transferId] = transfer;
        State.TransferredIn += transfer.Amount;
        return QuotaOutcome.Applied(movements);
    }

    public static string ReceivedLotId(string transferId, string sourceLotId) => $"{transferId}/{sourceLotId}";

    /// <summary>
    /// Every way the state disagrees with itself; empty when sound. Checks that Available + Reserved + Consumed
    /// equals DepositedNet, that no bucket is negative, and that lots, reservations and transfers agree.
    /// </summary>
    public IReadOnlyList<string> FindInvariantViolations()
    {
        var violations = new List<string>();
        foreach (var lot in State.Lots.Values)
        {
            if (!lot.Available.IsNonNegative() || !lot.Reserved.IsNonNegative()
                || !lot.Consumed.IsNonNegative() || !lot.TransferredOut.IsNonNegative())
            {
                violations.Add($"Lot '{lot.LotId}' has a negative bucket.");
            }

            if (lot.Available + lot.Reserved + lot.Consumed + lot.TransferredOut != lot.CertifiedAmount)
            {
                violations.Add($"Lot '{lot.LotId}' buckets do not add up to its certified {lot.CertifiedAmount}.");
            }
        }

        var held = Available + Reserved + Consumed;
        if (held != DepositedNet)
        {
            violations.Add($"Available + reserved + consumed is {held}, deposited net is {DepositedNet}.");
        }

        if (State.Deposited + State.TransferredIn != SumOverLots(lot => lot.CertifiedAmount))
        {
            violations.Add("Deposits and transfers in do not match the lots.");
        }

        CheckTransfersAgree(TransferDirection.In, State.TransferredIn, violations);
        CheckTransfersAgree(TransferDirection.Out, State.TransferredOut, violations);
        CheckReservationsAgree(ReservationStatus.Reserved, lot => lot.Reserved, violations);
        CheckReservationsAgree(ReservationStatus.Consumed, lot => lot.Consumed, violations);
        return violations;
    }

    private QuotaOutcome Settle(
        QuotaReservation reservation,
        ReservationStatus status,
        string movementKind,
        DateTimeOffset at)
    {
        var movements = new List<QuotaMovement>(reservation.Draws.Count);
        foreach (var draw in reservation.Draws)
        {
            UpdateLot(draw.LotId, lot => status == ReservationStatus.Consumed
                ? lot with { Reserved = lot.Reserved - draw.Amount, Consumed = lot.Consumed + draw.Amount }
                : lot with { Reserved = lot.Reserved - draw.Amount, Available = lot.Available + draw.Amount });
            movements.Add(NewMovement(movementKind, draw.LotId, draw.Amount, at) with
            {
                ReservationId = reservation.ReservationId,
                ProjectCode = reservation.ProjectCode,
            });
        }

        State.Reservations[reservation.ReservationId] = reservation with { Status = status, SettledAt = at };
        return QuotaOutcome.Applied(movements);
    }

    /// <summary>Takes each indicator separately from available quota in drawing order; the caller checked cover.</summary>
    private List<LotDraw> DrawEachIndicator(QuotaAmount amount)
    {
        var drawnByLot = new Dictionary<string, QuotaAmount>(StringComparer.Ordinal);
        var lots = LotsInDrawingOrder();
        foreach (var indicator in QuotaAmount.Indicators)
        {
            var remaining = amount.Of(indicator);
            foreach (var lot in lots)
            {
                if (remaining <= 0m)
                {
                    break;
                }

                var taken = Math.Min(lot.Available.Of(indicator), remaining);
                if (taken > 0m)
                {
                    drawnByLot[lot.LotId] =
                        drawnByLot.GetValueOrDefault(lot.LotId, QuotaAmount.Zero) + QuotaAmount.OnlyOf(indicator, taken);
                    remaining -= taken;
                }
            }
        }

        return
        [
            .. lots
                .Where(lot => drawnByLot.ContainsKey(lot.LotId))
                .Select(lot => new LotDraw(lot.LotId, drawnByLot[lot.LotId])),
        ];
    }

    private static QuotaOutcome ShortRefusal(QuotaIndicator indicator, QuotaAmount required, QuotaAmount available) =>
        QuotaOutcome.Refused(
            QuotaRules.ShortOf(indicator),
            string.Create(
                CultureInfo.InvariantCulture,
                $"{indicator} needed {required.Of(indicator)}, available {available.Of(indicator)}."));

    private static QuotaOutcome TransferConflict(string transferId) =>
        QuotaOutcome.Refused(
            QuotaRules.TransferConflict,
            $"Transfer '{transferId}' was already recorded with different content.");

    private static string? InvalidLotReason(QuotaLot lot)
    {
        if (string.IsNullOrWhiteSpace(lot.LotId) || string.IsNullOrWhiteSpace(lot.Source))
        {
            return "lot id and source are required";
        }

        if (lot.AreaMu <= 0m)
        {
            return "area must be positive";
        }

        if (lot.PaddyMu < 0m || lot.PaddyMu > lot.AreaMu)
        {
            return "paddy must be between zero and the area";
        }

        if (!YieldTable.IsValidGrade(lot.Grade))
        {
            return $"grade must be {YieldTable.BestGrade}..{YieldTable.WorstGrade}";
        }

        return lot.CapacityKg < 0m ? "capacity cannot be negative" : null;
    }

    private string? InvalidTransferReason(string transferId, string counterparty, decimal priceYuan, string approvedBy)
    {
        if (string.IsNullOrWhiteSpace(transferId) || string.IsNullOrWhiteSpace(counterparty)
            || string.IsNullOrWhiteSpace(approvedBy))
        {
            return "Transfer id, counterpart county and approver are required.";
        }

        if (string.Equals(counterparty, County, StringComparison.Ordinal))
        {
            return $"Transfer '{transferId}' cannot be between county '{County}' and itself.";
        }

        return priceYuan < 0m ? $"Transfer '{transferId}' cannot have a negative price." : null;
    }

    // Parts need not satisfy deposit rules: paddy is drawn separately, so a part may carry paddy without area.
    private static string? InvalidPartsReason(string transferId, IReadOnlyList<TransferredQuotaPart>? parts)
    {
        if (parts is null || parts.Count == 0)
        {
            return $"Transfer '{transferId}' has no parts.";
        }

        foreach (var part in parts)
        {
            if (part is null || string.IsNullOrWhiteSpace(part.SourceLotId) || string.IsNullOrWhiteSpace(part.Source)
                || !YieldTable.IsValidGrade(part.Grade) || !part.Amount.IsNonNegative() || part.Amount.IsZero())
            {
                return $"Transfer '{transferId}' has a part without lot, source, valid grade or positive amount.";
            }
        }

        return parts.Select(part => part.SourceLotId).Distinct(StringComparer.Ordinal).Count() == parts.Count
            ? null
            : $"Transfer '{transferId}' names a source lot twice.";
    }

    private void CheckTransfersAgree(TransferDirection direction, QuotaAmount total, List<string> violations)
    {
        var recorded = State.Transfers.Values
            .Where(transfer => transfer.Direction == direction)
            .Aggregate(QuotaAmount.Zero, (sum, transfer) => sum + transfer.Amount);
        if (recorded != total)
        {
            violations.Add($"Transfers {direction} add up to {recorded}, the running total is {total}.");
        }
    }

    private void CheckReservationsAgree(
        ReservationStatus status,
        Func<QuotaLot, QuotaAmount> bucket,
        List<string> violations)
    {
        var drawnByLot = new Dictionary<string, QuotaAmount>(StringComparer.Ordinal);
        foreach (var reservation in State.Reservations.Values.Where(reservation => reservation.Status == status))
        {
            var drawn = reservation.Draws.Aggregate(QuotaAmount.Zero, (sum, draw) => sum + draw.Amount);
            if (drawn != reservation.Amount)
            {
                violations.Add($"Reservation '{reservation.ReservationId}' draws {drawn}, not {reservation.Amount}.");
            }

            foreach (var draw in reservation.Draws)
            {
                drawnByLot[draw.LotId] = drawnByLot.GetValueOrDefault(draw.LotId, QuotaAmount.Zero) + draw.Amount;
            }
        }

        foreach (var lot in State.Lots.Values)
        {
            var expected = drawnByLot.GetValueOrDefault(lot.LotId, QuotaAmount.Zero);
            if (bucket(lot) != expected)
            {
                violations.Add($"Lot '{lot.LotId}' {status} bucket is {bucket(lot)}, reservations say {expected}.");
            }
        }
    }

    private void UpdateLot(string lotId, Func<QuotaLot, QuotaLot> change) =>
        State.Lots[lotId] = change(State.Lots[lotId]);

    private QuotaAmount SumOverLots(Func<QuotaLot, QuotaAmount> bucket) =>
        State.Lots.Values.Aggregate(QuotaAmount.Zero, (sum, lot) => sum + bucket(lot));

    private QuotaMovement NewMovement(string kind, string lotId, QuotaAmount amount, DateTimeOffset at) => new()
    {
        Sequence = ++State.LastMovementSequence,
        Kind = kind,
        County = County,
        LotId = lotId,
        Amount = amount,
        At = at,
    };

    private QuotaMovement TransferMovement(
        string kind,
        string lotId,
        QuotaAmount amount,
        string transferId,
        string counterparty,
        decimal priceYuan,
        string approvedBy,
        DateTimeOffset at) => NewMovement(kind, lotId, amount, at) with
        {
            TransferId = transferId,
            Counterparty = counterparty,
            TransferPriceYuan = priceYuan,
            ApprovedBy = approvedBy,
        };
}
