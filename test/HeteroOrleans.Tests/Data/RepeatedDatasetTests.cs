namespace HeteroOrleans.Tests.Data;

public sealed class RepeatedDatasetTests
{
    [Fact]
    public void A_repeated_set_cycles_its_images_and_labels_and_cuts_batches_across_the_wrap()
    {
        var stored = SyntheticCifar.Generate(7, seed: 5);

        var repeated = stored.Repeat(20);

        Assert.Equal(20, repeated.Count);
        Assert.Contains("repeated to 20", repeated.Source);
        for (var i = 0; i < 20; i++)
        {
            Assert.True(repeated.Image(i).SequenceEqual(stored.Image(i % 7)));
            Assert.Equal(stored.FineLabel(i % 7), repeated.FineLabel(i));
        }

        // Batch 1 holds images 5 to 9: the last two of the stored set, then its first three.
        var batch = repeated.Batch(1, 5);
        Assert.Equal(5, batch.First);
        Assert.Equal(stored.Image(6).ToArray(), batch.Pixels.AsSpan(CifarDataset.ImageBytes, CifarDataset.ImageBytes).ToArray());
        Assert.Equal(stored.Image(0).ToArray(), batch.Pixels.AsSpan(2 * CifarDataset.ImageBytes, CifarDataset.ImageBytes).ToArray());
        Assert.Equal(2, repeated.Batch(3, 6).Pixels.Length / CifarDataset.ImageBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => repeated.Image(20).Length);
        Assert.Same(stored, stored.Repeat(7));
    }
}
