using Azure;
using Azure.Data.Tables;
using DialogueBot.Infrastructure.Storage;
using DialogueBot.Testing;

namespace DialogueBot.Tests.Infrastructure;

/// <summary>
/// The one read-change-write (TableUpdates) against real Table Storage (Azurite): what it writes, when it
/// writes nothing, and what it does when another writer gets in between its read and its write. The other
/// writer is simulated inside the change itself, which runs after the read and before the conditional write.
/// </summary>
public sealed class TableUpdatesTests : IAsyncLifetime
{
    private const string Partition = "p";
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        var connection = await Azurite.SharedConnectionStringAsync();
        _table = new TableClient(connection, "TableUpdates" + Guid.NewGuid().ToString("N")[..12]);
        await _table.CreateAsync();
    }

    public async Task DisposeAsync() => await _table.DeleteAsync();

    [Fact]
    public async Task A_change_is_written_with_the_etag_and_the_row_returned_is_the_stored_one()
    {
        await AddAsync("r1", count: 1);

        var update = await _table.UpdateAsync<CounterEntity>(Partition, "r1", row => Increment(row));

        Assert.Equal(TableUpdateOutcome.Written, update.Outcome);
        Assert.True(update.Written);
        var stored = await ReadAsync("r1");
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored.ETag, update.Entity!.ETag); // the caller holds the row as stored, ready for a next conditional write
    }

    [Fact]
    public async Task A_change_that_declines_writes_nothing_and_reports_unchanged()
    {
        var added = await AddAsync("r1", count: 1);

        var update = await _table.UpdateAsync<CounterEntity>(Partition, "r1", _ => false);

        Assert.Equal(TableUpdateOutcome.Unchanged, update.Outcome);
        Assert.False(update.Written);
        var stored = await ReadAsync("r1");
        Assert.Equal(1, stored.Count);
        Assert.Equal(added.ETag, stored.ETag); // not even rewritten
    }

    [Fact]
    public async Task An_absent_row_is_not_found_and_is_not_created()
    {
        var calls = 0;

        var update = await _table.UpdateAsync<CounterEntity>(Partition, "missing", row => { calls++; return Increment(row); });

        Assert.Equal(TableUpdateOutcome.NotFound, update.Outcome);
        Assert.Null(update.Entity);
        Assert.Equal(0, calls);
        Assert.Null(await _table.FindAsync<CounterEntity>(Partition, "missing"));
    }

    [Fact]
    public async Task A_lost_race_is_read_again_and_the_change_reapplied_so_neither_write_is_lost()
    {
        await AddAsync("r1", count: 0);
        var calls = 0;

        var update = await _table.UpdateAsync<CounterEntity>(Partition, "r1", row =>
        {
            if (++calls == 1)
            {
                WriteBehindItsBack("r1", row.Count + 10); // another writer lands between our read and our write
            }

            return Increment(row);
        });

        Assert.Equal(TableUpdateOutcome.Written, update.Outcome);
        Assert.Equal(2, calls);
        Assert.Equal(11, (await ReadAsync("r1")).Count); // their +10 and our +1
    }

    [Fact]
    public async Task Contention_past_the_bound_throws_a_503_that_counts_as_transient_and_writes_nothing_of_ours()
    {
        await AddAsync("r1", count: 0);
        var calls = 0;

        var thrown = await Assert.ThrowsAsync<TableUpdateContentionException>(() => _table.UpdateAsync<CounterEntity>(Partition, "r1", row =>
        {
            calls++;
            WriteBehindItsBack("r1", 1000 + calls); // somebody always gets in first
            row.Count = -1;
            return true;
        }));

        Assert.Equal(503, thrown.Status);
        Assert.True(StorageServiceCollectionExtensions.IsTransientStorageFailure(thrown));
        Assert.Equal(TableUpdates.MaxAttempts, calls);
        Assert.Equal(1000 + TableUpdates.MaxAttempts, (await ReadAsync("r1")).Count); // only the other writer's rows ever landed
    }

    [Fact]
    public async Task Update_or_add_creates_an_absent_row_with_the_change_applied()
    {
        var update = await _table.UpdateOrAddAsync(Partition, "new", () => new CounterEntity { PartitionKey = Partition, RowKey = "new", Count = 5 }, Increment);

        Assert.Equal(TableUpdateOutcome.Written, update.Outcome);
        Assert.Equal(6, (await ReadAsync("new")).Count);
    }

    [Fact]
    public async Task Update_or_add_that_loses_the_insert_race_reapplies_the_change_to_the_winners_row()
    {
        var calls = 0;

        var update = await _table.UpdateOrAddAsync(Partition, "new", () => new CounterEntity { PartitionKey = Partition, RowKey = "new" }, row =>
        {
            if (++calls == 1)
            {
                _table.AddEntity(new CounterEntity { PartitionKey = Partition, RowKey = "new", Count = 10 }); // they insert first
            }

            return Increment(row);
        });

        Assert.Equal(TableUpdateOutcome.Written, update.Outcome);
        Assert.Equal(2, calls);
        Assert.Equal(11, (await ReadAsync("new")).Count);
    }

    [Fact]
    public void The_backoff_is_jittered_under_a_doubling_ceiling_that_is_capped()
    {
        for (var attempt = 1; attempt < TableUpdates.MaxAttempts; attempt++)
        {
            var ceiling = Math.Min(250, 10 * Math.Pow(2, attempt));
            var delays = Enumerable.Range(0, 200).Select(_ => TableUpdates.Backoff(attempt).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            Assert.True(delays.Distinct().Count() > 1, "Racing writers must not retry in step.");
        }
    }

    private static bool Increment(CounterEntity row)
    {
        row.Count++;
        return true;
    }

    private async Task<CounterEntity> AddAsync(string rowKey, int count)
    {
        var row = new CounterEntity { PartitionKey = Partition, RowKey = rowKey, Count = count };
        Assert.True(await _table.TryAddAsync(row));
        return row;
    }

    private async Task<CounterEntity> ReadAsync(string rowKey) =>
        await _table.FindAsync<CounterEntity>(Partition, rowKey) ?? throw new InvalidOperationException($"Row {rowKey} is gone.");

    private void WriteBehindItsBack(string rowKey, int count) =>
        _table.UpsertEntity(new CounterEntity { PartitionKey = Partition, RowKey = rowKey, Count = count }, TableUpdateMode.Replace);

    public sealed class CounterEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public int Count { get; set; }
    }
}
