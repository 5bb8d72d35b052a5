namespace HeteroOrleans.UnitTests.Dependability;

public sealed class ResultLedgerTests
{
    private static ImageTask Task(int index, int first, int count) =>
        new(index, first, new byte[count * 3072], Enumerable.Repeat((byte)1, count).ToArray(), Enumerable.Repeat((byte)7, count).ToArray());

    [Fact]
    public void A_restored_ledger_keeps_every_result_and_still_counts_each_image_once()
    {
        var ledger = new ResultLedger(6);
        ledger.Record(Task(0, 0, 3), [1, 1, 2], [7, 8, 7], "end-01", "edge-01");

        var restored = ResultLedger.Restore(ledger.Snapshot());
        restored.Record(Task(0, 0, 3), [1, 1, 1], [7, 7, 7], "end-02", "edge-02");
        restored.Record(Task(1, 3, 3), [1, 2, 2], null, "end-02", null);

        Assert.True(restored.IsComplete);
        Assert.Equal((6, 3, 3), (restored.Recorded, restored.Escalated, restored.Duplicates));
        Assert.Equal([1, 1, 2, 1, 2, 2], restored.Results(0, 6).Select(r => r.CoarseLabel));
        Assert.Equal("end-01", restored.Results(0, 1).Single().CoarseDevice);
        Assert.Equal(-1, restored.Results(4, 1).Single().FineLabel);
        Assert.Equal(0.5, restored.CoarseAccuracy, 6);
        Assert.Equal(2.0 / 3, restored.FineAccuracy!.Value, 6);
    }

    [Fact]
    public void A_snapshot_does_not_change_when_the_ledger_does()
    {
        var ledger = new ResultLedger(4);
        var snapshot = ledger.Snapshot();
        ledger.Record(Task(0, 0, 2), [1, 1], null, "end-01", null);

        Assert.All(snapshot.Coarse, label => Assert.Equal(-1, label));
        Assert.Equal(0, ResultLedger.Restore(snapshot).Recorded);
        Assert.True(ledger.Has(0, 2));
        Assert.False(ledger.Has(0, 3));
    }

    [Fact]
    public void Each_image_keeps_the_model_version_that_answered_it_through_a_restore()
    {
        var ledger = new ResultLedger(4);
        ledger.Record(Task(0, 0, 2), [1, 1], [7, 7], "end-01", "edge-01", "mobilenet-v1-0.5@1", "resnet-10-w16@1");
        ledger.Record(Task(1, 2, 2), [1, 1], [7, -1], "end-01", "edge-01", "mobilenet-v1-0.5@1", "resnet-10-w16@2");

        var results = ResultLedger.Restore(ledger.Snapshot()).Results(0, 4);

        Assert.Equal(["resnet-10-w16@1", "resnet-10-w16@1", "resnet-10-w16@2", null], results.Select(r => r.FineModel));
        Assert.All(results, r => Assert.Equal(("end-01", "mobilenet-v1-0.5@1"), (r.CoarseDevice, r.CoarseModel)));
        Assert.Equal("edge-01", results[2].FineDevice);
    }
}
