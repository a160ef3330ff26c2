using System.Globalization;
using System.Net;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres;

/// <summary>Maps a <see cref="MembershipEntry"/> to the columns of <c>membership_silo</c> and back.</summary>
internal static class MembershipRows
{
    /// <summary>Etag handed out when a cluster has no version row (never initialised, or deleted): it matches no row,
    /// so every conditional write against it is refused rather than thrown.</summary>
    public const string MissingVersionEtag = "none";

    public static void AddClusterId(NpgsqlCommand command, string clusterId) =>
        command.Parameters.Add(new NpgsqlParameter<string>("cluster_id", NpgsqlDbType.Text) { TypedValue = clusterId });

    public static void AddKey(NpgsqlCommand command, SiloAddress silo)
    {
        command.Parameters.Add(new NpgsqlParameter<IPAddress>("address", NpgsqlDbType.Inet) { TypedValue = silo.Endpoint.Address });
        command.Parameters.Add(new NpgsqlParameter<int>("port", NpgsqlDbType.Integer) { TypedValue = silo.Endpoint.Port });
        command.Parameters.Add(new NpgsqlParameter<int>("generation", NpgsqlDbType.Integer) { TypedValue = silo.Generation });
    }

    public static void AddEtag(NpgsqlCommand command, string name, long etag) =>
        command.Parameters.Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = etag });

    public static void AddTimestamp(NpgsqlCommand command, string name, DateTime value) =>
        command.Parameters.Add(new NpgsqlParameter<DateTime>(name, NpgsqlDbType.TimestampTz) { TypedValue = AsUtc(value) });

    /// <summary>Every column of the entry except the key and the etag.</summary>
    public static void AddEntry(NpgsqlCommand command, MembershipEntry entry)
    {
        var votes = entry.SuspectTimes;
        command.Parameters.Add(new NpgsqlParameter<string>("status", NpgsqlDbType.Text) { TypedValue = entry.Status.ToString() });
        command.Parameters.Add(Text("silo_name", entry.SiloName ?? ""));
        command.Parameters.Add(Text("host_name", entry.HostName ?? ""));
        command.Parameters.Add(new NpgsqlParameter("role_name", NpgsqlDbType.Text) { Value = (object?)entry.RoleName ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("proxy_port", NpgsqlDbType.Integer) { TypedValue = entry.ProxyPort });
        command.Parameters.Add(new NpgsqlParameter<int>("update_zone", NpgsqlDbType.Integer) { TypedValue = entry.UpdateZone });
        command.Parameters.Add(new NpgsqlParameter<int>("fault_zone", NpgsqlDbType.Integer) { TypedValue = entry.FaultZone });

        // Null and empty vote lists are different entries to Orleans (and print differently), so null stays null.
        command.Parameters.Add(new NpgsqlParameter("suspecting_silos", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = votes is null ? DBNull.Value : votes.Select(v => v.Item1.ToParsableString()).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter("suspect_times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = votes is null ? DBNull.Value : votes.Select(v => AsUtc(v.Item2)).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter("last_suspected_at", NpgsqlDbType.TimestampTz)
        {
            Value = votes is null || votes.Count == 0 ? DBNull.Value : votes.Max(v => AsUtc(v.Item2)),
        });
        AddTimestamp(command, "started_at", entry.StartTime);
        AddTimestamp(command, "i_am_alive_at", entry.IAmAliveTime);
    }

    /// <summary>Reads the table version and the silos from the rows of <see cref="MembershipStatements.ReadAll"/>
    /// or <see cref="MembershipStatements.ReadRow"/>.</summary>
    public static async Task<MembershipTableData> ReadTableAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        TableVersion? version = null;
        var members = new List<Tuple<MembershipEntry, string>>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            version ??= new TableVersion(reader.GetInt32(0), FormatEtag(reader.GetInt64(1)));

            // The silo columns are null on the one row of a cluster without silos (the join found none).
            if (!await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false))
            {
                members.Add(ReadEntry(reader, 2));
            }
        }

        return new MembershipTableData(members, version ?? new TableVersion(0, MissingVersionEtag));
    }

    public static string FormatEtag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    /// <summary>Etags this provider hands out are integers; anything else cannot match a row.</summary>
    public static bool TryParseEtag(string? etag, out long value) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Orleans keeps membership times in UTC but does not always mark them so; timestamptz needs UTC.</summary>
    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static Tuple<MembershipEntry, string> ReadEntry(NpgsqlDataReader reader, int first)
    {
        var address = reader.GetFieldValue<IPAddress>(first);
        var port = reader.GetInt32(first + 1);
        var generation = reader.GetInt32(first + 2);
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(address, port), generation),
            Status = Enum.Parse<SiloStatus>(reader.GetString(first + 3)),
            SiloName = reader.GetString(first + 4),
            HostName = reader.GetString(first + 5),
            RoleName = reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
            ProxyPort = reader.GetInt32(first + 7),
            UpdateZone = reader.GetInt32(first + 8),
            FaultZone = reader.GetInt32(first + 9),
            SuspectTimes = ReadVotes(reader, first + 10),
            StartTime = reader.GetFieldValue<DateTime>(first + 12),
            IAmAliveTime = reader.GetFieldValue<DateTime>(first + 13),
        };
        return Tuple.Create(entry, FormatEtag(reader.GetInt64(first + 14)));
    }

    private static List<Tuple<SiloAddress, DateTime>>? ReadVotes(NpgsqlDataReader reader, int silosOrdinal)
    {
        if (reader.IsDBNull(silosOrdinal))
        {
            return null;
        }

        var silos = reader.GetFieldValue<string[]>(silosOrdinal);
        var times = reader.GetFieldValue<DateTime[]>(silosOrdinal + 1);
        var votes = new List<Tuple<SiloAddress, DateTime>>(silos.Length);
        for (var i = 0; i < silos.Length; i++)
        {
            votes.Add(Tuple.Create(SiloAddress.FromParsableString(silos[i]), times[i]));
        }

        return votes;
    }

    private static NpgsqlParameter<string> Text(string name, string value) =>
        new(name, NpgsqlDbType.Text) { TypedValue = value };
}
