namespace HeteroOrleans.Tests.Escalation;

public sealed class HardExampleTests(ClusterFixture fixture)
{
    private static readonly CifarDataset Data = SyntheticCifar.Generate(400, seed: 12);

    [Fact]
    public async Task The_images_the_fine_model_corrected_are_appended_as_records_labelled_by_its_answer_ready_for_fitting()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var report = await new JobRunner(fixture.Cluster.Client).RunAsync(Data, new JobSpec(SchedulingScheme.EndEdge), null, cancellation);
        var results = await fixture.Cluster.Client.GetGrain<IJobGrain>(report.JobId).GetResultsAsync(0, Data.Count);
        var corrected = results.Where(HardExamples.Corrected).ToList();
        Assert.NotEmpty(corrected);
        var folder = Path.Combine(TestPaths.NewTempDirectory(), "hard");

        var written = await HardExamples.WriteAsync(fixture.Cluster.Client, report.JobId, Data, folder, cancellation);
        var again = await HardExamples.WriteAsync(fixture.Cluster.Client, report.JobId, Data, folder, cancellation);

        Assert.Equal((corrected.Count, corrected.Count), (written, again));
        var records = CifarReader.Read(CifarReader.LocateTrain(folder));
        Assert.Equal(2 * corrected.Count, records.Count);
        for (var i = 0; i < corrected.Count; i++)
        {
            var image = corrected[i];
            Assert.Equal(image.FineLabel, records.FineLabel(i));
            Assert.Equal(CifarLabels.FineToCoarse[image.FineLabel], records.CoarseLabel(i));
            Assert.NotEqual(image.CoarseLabel, records.CoarseLabel(i));
            Assert.True(Data.Image(image.ImageId).SequenceEqual(records.Image(i)), $"record {i} holds image {image.ImageId}'s pixels");
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, HardExamples.AnswersFile), cancellation);
        Assert.Equal(1 + 2 * corrected.Count, lines.Length);
        Assert.StartsWith($"{report.JobId},{corrected[0].ImageId},{corrected[0].CoarseLabel},", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_where_the_folder_should_be_is_named_in_the_error()
    {
        var file = Path.Combine(TestPaths.NewTempDirectory(), "not-a-folder");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<IOException>(() => HardExamples.Prepare(file));

        Assert.Contains($"--hard-examples {file}: is a file", error.Message, StringComparison.Ordinal);
    }
}
