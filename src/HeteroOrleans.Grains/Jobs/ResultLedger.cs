using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Records each image's result exactly once: a second result for an image (a retried task, a late answer) is
/// counted as a duplicate and ignored, so accuracy is computed over one answer per image.
/// </summary>
internal sealed class ResultLedger(int imageCount)
{
    private const int MissingListed = 100;
    private readonly ImageResult?[] _results = new ImageResult?[imageCount];
    private int _coarseCorrect;
    private int _fineCorrect;
    private int _fineAnswered;

    public int Recorded { get; private set; }

    public int Duplicates { get; private set; }

    public bool IsComplete => Recorded == _results.Length;

    public double CoarseAccuracy => Recorded == 0 ? 0 : (double)_coarseCorrect / Recorded;

    public double? FineAccuracy => _fineAnswered == 0 ? null : (double)_fineCorrect / _fineAnswered;

    /// <summary>Records a task's labels; returns the number of images newly recorded.</summary>
    public int Record(ImageTask task, int[] coarse, int[]? fine, string coarseDevice, string? fineDevice)
    {
        var added = 0;
        for (var i = 0; i < task.Count; i++)
        {
            var imageId = task.FirstImageId + i;
            if (imageId < 0 || imageId >= _results.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(task), $"Task {task.TaskIndex}: image {imageId} is outside the job's {_results.Length} images.");
            }

            if (_results[imageId] is not null)
            {
                Duplicates++;
                continue;
            }

            _results[imageId] = new ImageResult(imageId, coarse[i], fine?[i] ?? -1, coarseDevice, fineDevice);
            added++;
            _coarseCorrect += coarse[i] == task.CoarseLabels[i] ? 1 : 0;
            if (fine is not null)
            {
                _fineAnswered++;
                _fineCorrect += fine[i] == task.FineLabels[i] ? 1 : 0;
            }
        }

        Recorded += added;
        return added;
    }

    public IReadOnlyList<ImageResult> Results(int first, int count) =>
        _results.Skip(Math.Max(0, first)).Take(Math.Max(0, count)).OfType<ImageResult>().ToList();

    public (IReadOnlyList<int> Listed, int Count) Missing()
    {
        var missing = Enumerable.Range(0, _results.Length).Where(i => _results[i] is null).ToList();
        return (missing.Take(MissingListed).ToArray(), missing.Count);
    }
}
