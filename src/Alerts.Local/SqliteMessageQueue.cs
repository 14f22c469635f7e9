using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Alerts.Local;

/// <summary>
/// <see cref="IMessageQueue"/> on one SQLite table, with the semantics of Azure Storage queues:
/// a visibility time per message, a dequeue count raised on every receive and a receipt per receive.
/// <para>
/// A stale receipt (the message was received again by someone else, released, or is gone) makes
/// <see cref="CompleteAsync"/>, <see cref="ReleaseAsync"/> and <see cref="PoisonAsync"/> do nothing:
/// the current holder keeps the message, as with the Azure adapter. At-least-once delivery means the
/// late handler's work is repeated by the new holder anyway.
/// </para>
/// </summary>
public sealed class SqliteMessageQueue(SqliteDatabase database, TimeProvider? timeProvider = null) : IMessageQueue
{
    private readonly SqliteDatabase _database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task EnqueueAsync(string queue, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        var delay = visibilityDelay ?? TimeSpan.Zero;
        QueueLimits.ValidateEnqueue(queue, body, delay, nameof(visibilityDelay));

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        await InsertAsync(command, queue, body, _time.GetUtcNow(), delay, cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueLimits.ValidateReceive(queue, maxMessages, visibilityTimeout);

        var now = _time.GetUtcNow();
        var hiddenUntil = (now + visibilityTimeout).ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        // IMMEDIATE: two receivers must never take the same visible message.
        await using var transaction = connection.BeginTransaction();

        var candidates = new List<(long Seq, string Id, string Body, long InsertedAt, int DequeueCount)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = """
                SELECT seq, message_id, body, inserted_at_ms, dequeue_count FROM messages
                WHERE queue = $queue AND visible_at_ms <= $now
                ORDER BY seq LIMIT $max
                """;
            select.Parameters.AddWithValue("$queue", queue);
            select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            select.Parameters.AddWithValue("$max", maxMessages);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt32(4)));
            }
        }

        var received = new List<QueueMessage>(candidates.Count);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE messages SET visible_at_ms = $until, dequeue_count = dequeue_count + 1, receipt = $receipt
                WHERE seq = $seq
                """;
            var seq = update.Parameters.Add("$seq", SqliteType.Integer);
            var receipt = update.Parameters.Add("$receipt", SqliteType.Text);
            update.Parameters.AddWithValue("$until", hiddenUntil);
            foreach (var candidate in candidates)
            {
                seq.Value = candidate.Seq;
                receipt.Value = Guid.NewGuid().ToString("N");
                await update.ExecuteNonQueryAsync(cancellationToken);
                received.Add(new QueueMessage(queue, candidate.Id, (string)receipt.Value, candidate.Body,
                    candidate.DequeueCount + 1, DateTimeOffset.FromUnixTimeMilliseconds(candidate.InsertedAt)));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return received;
    }

    public async Task CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM messages WHERE queue = $queue AND message_id = $id AND receipt = $receipt";
        AddReceipt(command, message);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        QueueLimits.ValidateDelay(delay, nameof(delay));
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The receipt is spent, as in Azure where an update hands out a new pop receipt.
        command.CommandText = """
            UPDATE messages SET visible_at_ms = $until, receipt = NULL
            WHERE queue = $queue AND message_id = $id AND receipt = $receipt
            """;
        AddReceipt(command, message);
        command.Parameters.AddWithValue("$until", (_time.GetUtcNow() + delay).ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poisonQueue = QueueNames.Poison(message.Queue);
        StorageNames.ValidateQueue(poisonQueue);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();

        string? body;
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM messages WHERE queue = $queue AND message_id = $id AND receipt = $receipt RETURNING body";
            AddReceipt(delete, message);
            body = (string?)await delete.ExecuteScalarAsync(cancellationToken);
        }
        if (body is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            await InsertAsync(insert, poisonQueue, body, _time.GetUtcNow(), TimeSpan.Zero, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateQueue(queue);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM messages WHERE queue = $queue";
        command.Parameters.AddWithValue("$queue", queue);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task InsertAsync(SqliteCommand command, string queue, string body, DateTimeOffset now, TimeSpan delay, CancellationToken cancellationToken)
    {
        command.CommandText = """
            INSERT INTO messages (queue, message_id, body, inserted_at_ms, visible_at_ms, dequeue_count, receipt)
            VALUES ($queue, $id, $body, $now, $visible, 0, NULL)
            """;
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$visible", (now + delay).ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddReceipt(SqliteCommand command, QueueMessage message)
    {
        command.Parameters.AddWithValue("$queue", message.Queue);
        command.Parameters.AddWithValue("$id", message.Id);
        command.Parameters.AddWithValue("$receipt", message.Receipt);
    }

}
