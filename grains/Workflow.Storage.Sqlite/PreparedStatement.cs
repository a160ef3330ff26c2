using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>A command compiled once on the writer connection and re-run with new values.</summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public PreparedStatement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        command = connection.CreateCommand();
        command.CommandText = sql;
        parameters = new SqliteParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = parameterNames[i], Value = DBNull.Value });
        }

        command.Prepare();
    }

    /// <summary>Runs the statement with <paramref name="values"/> in parameter order; returns rows changed.</summary>
    public int Execute(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs the statement and returns the first column of its first row, or null.</summary>
    public object? Scalar(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != parameters.Length)
        {
            throw new ArgumentException($"Expected {parameters.Length} values, got {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose() => command.Dispose();
}
