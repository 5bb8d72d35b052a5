namespace HeteroOrleans.Tests.Data;

public sealed class CifarReaderTests
{
    // Fine labels of the first 20 official test images (shared/data/cifar-100/PROVENANCE.md).
    private static readonly byte[] First20FineLabels = [49, 33, 72, 51, 71, 92, 15, 14, 23, 0, 71, 75, 81, 69, 40, 43, 92, 97, 70, 53];

    [Fact]
    public void Reads_the_first_twenty_official_test_images_with_their_labels()
    {
        var path = TestPaths.CifarFirst20;
        Assert.SkipWhen(path is null, "shared/data/cifar-100/test_first20.bin is absent on this machine");

        var data = CifarReader.Read(path!);

        Assert.Equal(20, data.Count);
        Assert.Equal(First20FineLabels, Enumerable.Range(0, 20).Select(data.FineLabel));
        Assert.Equal(10, data.CoarseLabel(0)); // mountain → large natural outdoor scenes
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(CifarLabels.FineToCoarse[data.FineLabel(i)], data.CoarseLabel(i)));
        Assert.Equal("mountain", CifarLabels.Fine[data.FineLabel(0)]);
        Assert.Equal("large_natural_outdoor_scenes", CifarLabels.Coarse[data.CoarseLabel(0)]);
    }

    [Fact]
    public void Limits_the_images_read_when_asked()
    {
        var path = WriteSynthetic(30);
        Assert.Equal(12, CifarReader.Read(path, maxImages: 12).Count);
    }

    [Fact]
    public void Round_trips_pixels_and_labels_through_the_binary_format()
    {
        var original = SyntheticCifar.Generate(5, seed: 3);
        var path = Path.Combine(TestPaths.NewTempDirectory(), "test.bin");
        original.WriteBinary(path);

        var read = CifarReader.Read(CifarReader.Locate(Path.GetDirectoryName(path)!));

        Assert.Equal(5, read.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(original.FineLabel(i), read.FineLabel(i));
            Assert.Equal(original.CoarseLabel(i), read.CoarseLabel(i));
            Assert.True(original.Image(i).SequenceEqual(read.Image(i)));
        }
    }

    [Theory]
    [InlineData("truncated", "#2", "3074")]
    [InlineData("fine", "record #1", "fine label 150")]
    [InlineData("coarse", "record #0", "coarse label 20")]
    public void Rejects_a_damaged_file_naming_the_file_the_record_and_the_fault(string damage, string record, string fault)
    {
        var path = WriteSynthetic(3);
        var bytes = File.ReadAllBytes(path);
        bytes = damage switch
        {
            "truncated" => bytes[..(bytes.Length - 100)],
            "fine" => Set(bytes, CifarDataset.RecordBytes + 1, 150),
            _ => Set(bytes, 0, 20),
        };
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CifarFormatException>(() => CifarReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(record, error.Message);
        Assert.Contains(fault, error.Message);
    }

    [Fact]
    public void Reports_a_missing_file_or_folder_by_name()
    {
        var missing = Path.Combine(TestPaths.NewTempDirectory(), "nope");
        Assert.Contains(missing, Assert.Throws<CifarFormatException>(() => CifarReader.Locate(missing)).Message);
        Assert.Contains("test.bin", Assert.Throws<CifarFormatException>(() => CifarReader.Locate(TestPaths.NewTempDirectory())).Message);
    }

    [Fact]
    public void Synthetic_data_follows_the_real_label_hierarchy_and_is_reproducible()
    {
        var a = SyntheticCifar.Generate(500, seed: 7);
        var b = SyntheticCifar.Generate(500, seed: 7);

        Assert.All(Enumerable.Range(0, 500), i => Assert.Equal(CifarLabels.FineToCoarse[a.FineLabel(i)], a.CoarseLabel(i)));
        Assert.True(a.Image(499).SequenceEqual(b.Image(499)));
        Assert.True(Enumerable.Range(0, 500).Select(a.FineLabel).Distinct().Count() > 90);
    }

    [Fact]
    public void Cuts_tasks_in_batches_with_a_short_last_one()
    {
        var data = SyntheticCifar.Generate(120);

        Assert.Equal(3, data.TaskCount(50));
        var last = data.CreateTask(2, 50);
        Assert.Equal(100, last.FirstImageId);
        Assert.Equal(20, last.Count);
        Assert.Equal(20 * PixelBatch.ImageBytes, last.Pixels.Length);
        Assert.True(data.Image(100).SequenceEqual(last.Pixels.AsSpan(0, PixelBatch.ImageBytes)));
    }

    private static string WriteSynthetic(int count)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory(), "test.bin");
        SyntheticCifar.Generate(count).WriteBinary(path);
        return path;
    }

    private static byte[] Set(byte[] bytes, int index, byte value)
    {
        bytes[index] = value;
        return bytes;
    }
}
