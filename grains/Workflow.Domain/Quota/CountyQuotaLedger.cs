using System.Globalization;
using System.Text.Json;

namespace Workflow.Domain;

/// <summary>
/// The supplementary farmland quota pool of one county. Every operation validates fully before it changes
/// anything, so a refusal leaves the state exactly as it was; repeats by id are no-ops.
/// </summary>
/// <remarks>
/// The state holds open reservations only. A consumed or released reservation leaves it for the stream's archive
/// (<see cref="Unarchived"/>, written with the next commit), so the state committed at every operation stays the
/// same size however many reservations were settled. Ids are still never reused: an id the ledger does not hold in
/// memory while some settled reservations are only in the archive must be looked up there first
/// (<see cref="MustRecall"/>, <see cref="Recall"/>); the ledger refuses to guess.
/// </remarks>
public sealed class CountyQuotaLedger
{
    /// <summary>The state layout this build writes; see <see cref="CountyQuotaLedgerState.Format"/>.</summary>
    public const int CurrentFormat = 1;

    /// <summary>What archive keys of settled reservations start with; the rest is the reservation id.</summary>
    public const string ReservationArchivePrefix = "reservation/";

    // Settled reservations recalled from the archive or archived by this instance, kept for repeats that follow
    // soon (a re-driven consume); bounded, since the archive answers for anything forgotten. Trimmed only at
    // MarkArchived: ids recalled for the operations of one commit must all still be known when those operations run.
    private const int RecalledLimit = 256;

    private readonly FarmlandBalanceRuleBook ruleBook;

    // Settled since the last commit, so not in the archive yet: the next commit writes them.
    private readonly Dictionary<string, QuotaReservation> unarchived = new(StringComparer.Ordinal);

    // What the archive holds under an id: the settled reservation, or null when it holds none.
    private readonly Dictionary<string, QuotaReservation?> recalled = new(StringComparer.Ordinal);

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
        if (state.Format > CurrentFormat)
        {
            throw new NotSupportedException(
                $"Ledger state of county '{state.County}' has format {state.Format}; this build reads up to {CurrentFormat}.");
        }

        State = state;
        this.ruleBook = ruleBook ?? FarmlandBalanceRuleBook.Standard;
        if (state.Format == 0)
        {
            UpgradeFromFormat0();
        }
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

    /// <summary>The reservation, open or settled, or null when there is none. Throws when it may be in the archive
    /// and was not recalled (<see cref="MustRecall"/>).</summary>
    public QuotaReservation? FindReservation(string reservationId) => Known(reservationId);

    /// <summary>Settled reservations the archive does not hold yet. Commit them with the state (keyed by
    /// <see cref="ArchiveKey"/>, as <see cref="ToArchiveJson"/>), then call <see cref="MarkArchived"/>.</summary>
    public IReadOnlyCollection<QuotaReservation> Unarchived => unarchived.Values;

    /// <summary>
    /// True when the ledger cannot answer for <paramref name="reservationId"/> from memory: it is neither open nor
    /// settled here, and some settled reservations are only in the archive. Look it up there and <see cref="Recall"/>
    /// it before any operation on that id; operations throw rather than guess.
    /// </summary>
    public bool MustRecall(string? reservationId) =>
        !string.IsNullOrWhiteSpace(reservationId)
        && State.SettledReservations > unarchived.Count
        && !State.Reservations.ContainsKey(reservationId)
        && !unarchived.ContainsKey(reservationId)
        && !recalled.ContainsKey(reservationId);

    /// <summary>Tells the ledger what the archive holds under <paramref name="reservationId"/>: the settled
    /// reservation, or null when it holds none.</summary>
    public void Recall(string reservationId, QuotaReservation? archived)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reservationId);
        if (archived is not null
            && (archived.ReservationId != reservationId || archived.Status == ReservationStatus.Reserved))
        {
            throw new ArgumentException(
                $"The archive must hold a settled reservation '{reservationId}', not {archived.Status} '{archived.ReservationId}'.",
                nameof(archived));
        }

        if (State.Reservations.ContainsKey(reservationId) || unarchived.ContainsKey(reservationId))
        {
            throw new InvalidOperationException($"Reservation '{reservationId}' is in memory; the archive cannot add to it.");
        }

        Remember(reservationId, archived);
    }

    /// <summary>The commit that carried <see cref="Unarchived"/> is durable: they are the archive's now (and
    /// <see cref="TrimRecalled"/>).</summary>
    public void MarkArchived()
    {
        TrimRecalled();
        foreach (var reservation in unarchived.Values)
        {
            Remember(reservation.ReservationId, reservation);
        }

        unarchived.Clear();
    }

    /// <summary>Lets go of what was recalled once it passes the cache's bound. Call it between rounds of operations
    /// (<see cref="MarkArchived"/> does), never between a <see cref="Recall"/> and the operation it was for.</summary>
    public void TrimRecalled()
    {
        if (recalled.Count + unarchived.Count > RecalledLimit)
        {
            recalled.Clear();
        }
    }

    public static string ArchiveKey(string reservationId) => ReservationArchivePrefix + reservationId;

    public static string ToArchiveJson(QuotaReservation reservation) => JsonSerializer.Serialize(reservation);

    public static QuotaReservation FromArchiveJson(string json) =>
        JsonSerializer.Deserialize<QuotaReservation>(json) ?? throw new JsonException("Archived reservation JSON was null.");

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
            return QuotaOutcome.Refused(Rules.InvalidLot, $"Lot '{lot.LotId}': {reason}.");
        }

        var capacityKg = lot.CapacityKg
            ?? ruleBook.InForceOn(lot.CertifiedOn).Yields.CapacityKg(lot.AreaMu, lot.Grade);
        var certified = lot.Definition() with { CapacityKg = capacityKg };
        if (State.Lots.TryGetValue(lot.LotId, out var existing))
        {
            return existing.Definition() == certified
                ? QuotaOutcome.AlreadyApplied()
                : QuotaOutcome.Refused(
                    Rules.LotConflict,
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
            return QuotaOutcome.Refused(Rules.InvalidReservation, "Reservation id and project code are required.");
        }

        if (amount is null || !amount.IsNonNegative() || amount.IsZero())
        {
            return QuotaOutcome.Refused(
                Rules.InvalidReservation,
                $"Reservation '{reservationId}' must ask for a positive amount, not {amount}.");
        }

        if (Known(reservationId) is { } existing)
        {
            return existing.ProjectCode == projectCode && existing.Amount == amount
                ? QuotaOutcome.AlreadyApplied()
                : QuotaOutcome.Refused(
                    Rules.ReservationConflict,
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
        recalled.Remove(reservationId);
        return QuotaOutcome.Applied(movements);
    }

    /// <summary>Writes the reserved quota off for good when the filing is approved.</summary>
    public QuotaOutcome Consume(string reservationId, DateTimeOffset at)
    {
        if (Known(reservationId ?? "") is not { } reservation)
        {
            return QuotaOutcome.Refused(
                Rules.ReservationUnknown,
                $"No reservation '{reservationId}' in county '{County}'.");
        }

        return reservation.Status switch
        {
            ReservationStatus.Consumed => QuotaOutcome.AlreadyApplied(),
            ReservationStatus.Released => QuotaOutcome.Refused(
                Rules.ReservationReleased,
                $"Reservation '{reservationId}' was released and cannot be consumed."),
            _ => Settle(reservation, ReservationStatus.Consumed, QuotaMovementKinds.Consume, at),
        };
    }

    /// <summary>Returns reserved quota to the lots it came from when a filing is rejected or withdrawn.</summary>
    public QuotaOutcome Release(string reservationId, DateTimeOffset at)
    {
        if (Known(reservationId ?? "") is not { } reservation)
        {
            return QuotaOutcome.NothingToRelease();
        }

        return reservation.Status switch
        {
            ReservationStatus.Released => QuotaOutcome.AlreadyApplied(),
            ReservationStatus.Consumed => QuotaOutcome.Refused(
                Rules.ReservationConsumed,
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
            return QuotaOutcome.Refused(Rules.InvalidTransfer, reason);
        }

        if (areaMu < 0m || paddyMu < 0m || (areaMu == 0m && paddyMu == 0m))
        {
            return QuotaOutcome.Refused(
                Rules.InvalidTransfer,
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
            return QuotaOutcome.Refused(Rules.InvalidTransfer, reason);
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
            return QuotaOutcome.Refused(Rules.LotConflict, $"Lot '{clash.LotId}' already exists.");
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
    /// equals DepositedNet, that no bucket is negative, and that lots, open reservations, the running total of
    /// consumed reservations and transfers agree. <see cref="FindArchiveViolations"/> also checks the archive.
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
        foreach (var reservation in State.Reservations.Values.Where(r => r.Status != ReservationStatus.Reserved))
        {
            violations.Add($"Reservation '{reservation.ReservationId}' is {reservation.Status} but still open.");
        }

        CheckDrawsAgree(State.Reservations.Values, lot => lot.Reserved, ReservationStatus.Reserved, violations);
        if (Consumed != State.ConsumedByReservations)
        {
            violations.Add($"Lots have consumed {Consumed}, consumed reservations add up to {State.ConsumedByReservations}.");
        }

        if (State.SettledReservations < unarchived.Count)
        {
            violations.Add($"{State.SettledReservations} reservations settled, but {unarchived.Count} wait for the archive.");
        }

        return violations;
    }

    /// <summary>
    /// Cross-checks the ledger against its whole archive, which the state no longer holds: every settled reservation
    /// there once, each drawing what it asked for, and the consumed ones adding up, lot by lot, to the lots' consumed
    /// buckets. <paramref name="archived"/> is what the store holds; <see cref="Unarchived"/> is added to it.
    /// Empty when sound.
    /// </summary>
    public IReadOnlyList<string> FindArchiveViolations(IEnumerable<QuotaReservation> archived)
    {
        ArgumentNullException.ThrowIfNull(archived);
        var violations = new List<string>();
        var settled = new Dictionary<string, QuotaReservation>(unarchived, StringComparer.Ordinal);
        foreach (var reservation in archived)
        {
            if (!settled.TryAdd(reservation.ReservationId, reservation))
            {
                violations.Add($"Reservation '{reservation.ReservationId}' is archived twice.");
            }

            if (reservation.Status == ReservationStatus.Reserved || State.Reservations.ContainsKey(reservation.ReservationId))
            {
                violations.Add($"Reservation '{reservation.ReservationId}' is archived but still open.");
            }
        }

        if (settled.Count != State.SettledReservations)
        {
            violations.Add($"The archive holds {settled.Count} settled reservations, the ledger counts {State.SettledReservations}.");
        }

        var consumed = settled.Values.Where(r => r.Status == ReservationStatus.Consumed).ToList();
        CheckDrawsAgree(consumed, lot => lot.Consumed, ReservationStatus.Consumed, violations);
        var consumedTotal = consumed.Aggregate(QuotaAmount.Zero, (sum, reservation) => sum + reservation.Amount);
        if (consumedTotal != State.ConsumedByReservations)
        {
            violations.Add($"Archived consumed reservations add up to {consumedTotal}, the running total is {State.ConsumedByReservations}.");
        }

        foreach (var reservation in settled.Values.Where(r => r.Status == ReservationStatus.Released))
        {
            CheckDrawnAmount(reservation, violations);
        }

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

        State.Reservations.Remove(reservation.ReservationId);
        unarchived[reservation.ReservationId] = reservation with { Status = status, SettledAt = at };
        State.SettledReservations++;
        if (status == ReservationStatus.Consumed)
        {
            State.ConsumedByReservations += reservation.Amount;
        }

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
            Rules.TransferConflict,
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

    /// <summary>Each reservation draws what it asked for, and their draws add up, lot by lot, to the bucket.</summary>
    private void CheckDrawsAgree(
        IEnumerable<QuotaReservation> reservations,
        Func<QuotaLot, QuotaAmount> bucket,
        ReservationStatus status,
        List<string> violations)
    {
        var drawnByLot = new Dictionary<string, QuotaAmount>(StringComparer.Ordinal);
        foreach (var reservation in reservations)
        {
            CheckDrawnAmount(reservation, violations);
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

    private static void CheckDrawnAmount(QuotaReservation reservation, List<string> violations)
    {
        var drawn = reservation.Draws.Aggregate(QuotaAmount.Zero, (sum, draw) => sum + draw.Amount);
        if (drawn != reservation.Amount)
        {
            violations.Add($"Reservation '{reservation.ReservationId}' draws {drawn}, not {reservation.Amount}.");
        }
    }

    /// <summary>Open or settled, from memory; throws when only the archive could tell (<see cref="MustRecall"/>).</summary>
    private QuotaReservation? Known(string reservationId)
    {
        if (MustRecall(reservationId))
        {
            throw new InvalidOperationException(
                $"Reservation '{reservationId}' may be in the archive of county '{County}'; recall it first.");
        }

        return State.Reservations.GetValueOrDefault(reservationId)
            ?? unarchived.GetValueOrDefault(reservationId)
            ?? recalled.GetValueOrDefault(reservationId);
    }

    private void Remember(string reservationId, QuotaReservation? archived) => recalled[reservationId] = archived;

    /// <summary>
    /// Format 0 kept every reservation in the state. Its settled ones wait for the next commit to move them to the
    /// archive, and the totals this format keeps are added up from them: all of them are still there.
    /// </summary>
    private void UpgradeFromFormat0()
    {
        State.SettledReservations = 0;
        State.ConsumedByReservations = QuotaAmount.Zero;
        foreach (var reservation in State.Reservations.Values.Where(r => r.Status != ReservationStatus.Reserved).ToList())
        {
            State.Reservations.Remove(reservation.ReservationId);
            unarchived[reservation.ReservationId] = reservation;
            State.SettledReservations++;
            if (reservation.Status == ReservationStatus.Consumed)
            {
                State.ConsumedByReservations += reservation.Amount;
            }
        }

        State.Format = CurrentFormat;
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
