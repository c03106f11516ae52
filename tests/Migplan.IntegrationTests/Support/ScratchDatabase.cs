using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>
/// A database created for one test and dropped WITH (FORCE) when disposed.
/// <see cref="ConnectionString"/> may hold a password: hand it to code, never print it
/// (<see cref="ToString"/> gives the database name only).
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Func<string, Task> drop;
    private readonly NpgsqlDataSource dataSource;
    private int disposed;

    internal ScratchDatabase(string name, string connectionString, Func<string, Task> drop)
    {
        Name = name;
        ConnectionString = connectionString;
        this.drop = drop;
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The database name, <c>migplan_t_&lt;random&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>An Npgsql connection string to this database as the server's test user.</summary>
    public string ConnectionString { get; }

    /// <summary>A fresh copy of the connection string as a builder, to change settings for one use.</summary>
    public NpgsqlConnectionStringBuilder CreateConnectionStringBuilder() => new(ConnectionString);

    /// <summary>Opens a pooled connection to this database.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Opens a connection that is not shared with any pool: a session of its own.</summary>
    public async Task<NpgsqlConnection> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var builder = CreateConnectionStringBuilder();
        builder.Pooling = false;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs SQL (several statements allowed, no parameters) and returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is T typed
            ? typed
            : throw new InvalidOperationException($"Query returned {value ?? "null"}, not a {typeof(T).Name}: {sql}");
    }

    public override string ToString() => Name;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await dataSource.DisposeAsync();
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await drop(Name);
    }
}
