using System.Globalization;
using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Client;

/// <summary>
/// A job's hard examples: images whose coarse answer the fine model corrected (its fine label lies in another
/// super-class), kept for refitting the end model. Each is appended to <c>train.bin</c> in a folder as a CIFAR-100
/// binary record labelled by the fine answer (its super-class, then itself), and to <c>hard-examples.csv</c> with
/// both answers; <c>hetero models fit MODEL --data FOLDER</c> reads the folder as it is. Pixels are written here, on
/// the client that holds them: they never leave the trusted side for this.
/// </summary>
public static class HardExamples
{
    /// <summary>The records file, named as <c>hetero models fit</c> looks for it.</summary>
    public const string RecordsFile = "train.bin";

    /// <summary>Both answers of each hard example, one line each.</summary>
    public const string AnswersFile = "hard-examples.csv";

    // Results are read from the job this many at a time.
    private const int Page = 5_000;

    /// <summary>True when <paramref name="result"/>'s fine answer puts the image in another super-class than its coarse answer did.</summary>
    public static bool Corrected(ImageResult result) =>
        result.FineLabel >= 0 && result.FineLabel < CifarLabels.FineClassCount && CifarLabels.FineToCoarse[result.FineLabel] != result.CoarseLabel;

    /// <summary>Creates <paramref name="directory"/> when missing, so that a job is not run for nowhere to write.</summary>
    /// <exception cref="IOException">The path is a file, or the folder cannot be made; the message names it.</exception>
    public static void Prepare(string directory)
    {
        if (File.Exists(directory))
        {
            throw new IOException($"--hard-examples {directory}: is a file; give a folder (it gets {RecordsFile} and {AnswersFile}).");
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"--hard-examples {directory}: cannot make the folder: {e.Message}", e);
        }
    }

    /// <summary>
    /// Appends the hard examples among job <paramref name="jobId"/>'s results for <paramref name="data"/> (the images it
    /// was given) to <paramref name="directory"/>; how many there were.
    /// </summary>
    public static async Task<int> WriteAsync(IGrainFactory grains, string jobId, CifarDataset data, string directory, CancellationToken cancellation)
    {
        Prepare(directory);
        var job = grains.GetGrain<IJobGrain>(jobId);
        var hard = new List<ImageResult>();
        for (var first = 0; first < data.Count; first += Page)
        {
            cancellation.ThrowIfCancellationRequested();
            hard.AddRange((await job.GetResultsAsync(first, Math.Min(Page, data.Count - first))).Where(r => r.ImageId < data.Count && Corrected(r)));
        }

        var answersPath = Path.Combine(directory, AnswersFile);
        var header = !File.Exists(answersPath);
        await using var records = new FileStream(Path.Combine(directory, RecordsFile), FileMode.Append, FileAccess.Write);
        await using var answers = new StreamWriter(answersPath, append: true);
        if (header)
        {
            await answers.WriteLineAsync("job,image,coarse_answer,coarse_name,fine_answer,fine_name,fine_superclass,labelled_coarse,labelled_fine,source");
        }

        foreach (var result in hard)
        {
            var superclass = CifarLabels.FineToCoarse[result.FineLabel];
            records.Write([superclass, (byte)result.FineLabel]);
            records.Write(data.Image(result.ImageId));
            await answers.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{jobId},{result.ImageId},{result.CoarseLabel},{CifarLabels.CoarseName(result.CoarseLabel)},{result.FineLabel},{CifarLabels.FineName(result.FineLabel)},{superclass},{data.CoarseLabel(result.ImageId)},{data.FineLabel(result.ImageId)},\"{data.Source.Replace("\"", "'", StringComparison.Ordinal)}\""));
        }

        return hard.Count;
    }
}
