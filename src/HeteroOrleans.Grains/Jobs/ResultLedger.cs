namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Records each image's result exactly once: a second result for an image (a resubmitted task, a late answer) is
/// counted as a duplicate and ignored, so accuracy is computed over one answer per image. Compact (a few bytes per
/// image) because it is written to grain storage as the job goes.
/// </summary>
internal sealed class ResultLedger
{
    private const int MissingListed = 100;
    private const short None = -1;

    // A device and the model version it answered with share one entry of the record's table: "edge-01\nresnet-10-w16@2".
    private const char ModelSeparator = '\n';
    private readonly LedgerRecord _record;
    private readonly Dictionary<string, short> _deviceIndex;
    private int _recorded;
    private int _fineAnswered;

    private ResultLedger(LedgerRecord record)
    {
        _record = record;
        _deviceIndex = record.Devices.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => (short)x.i, StringComparer.Ordinal);
        _recorded = record.Coarse.Count(label => label != None);
        _fineAnswered = record.Fine.Count(label => label != None);
    }

    public ResultLedger(int imageCount)
        : this(new LedgerRecord
        {
            Coarse = Filled(imageCount),
            Fine = Filled(imageCount),
            CoarseBy = Filled(imageCount),
            FineBy = Filled(imageCount),
        })
    {
    }

    /// <summary>Continues from a stored record.</summary>
    public static ResultLedger Restore(LedgerRecord record) => new(record);

    public int ImageCount => _record.Coarse.Length;

    public int Recorded => _recorded;

    public int Duplicates => _record.Duplicates;

    public bool IsComplete => Recorded == ImageCount;

    public double CoarseAccuracy => Recorded == 0 ? 0 : (double)_record.CoarseCorrect / Recorded;

    public double? FineAccuracy => _fineAnswered == 0 ? null : (double)_record.FineCorrect / _fineAnswered;

    /// <summary>Images recorded with a fine answer.</summary>
    public int Escalated => _fineAnswered;

    /// <summary>Coarse accuracy over the images recorded without a fine answer; null when there are none.</summary>
    public double? KeptCoarseAccuracy => Recorded == Escalated ? null : (double)_record.KeptCoarseCorrect / (Recorded - Escalated);

    /// <summary>A copy to store (the live arrays keep changing while a write is in progress).</summary>
    public LedgerRecord Snapshot() => new()
    {
        Coarse = (short[])_record.Coarse.Clone(),
        Fine = (short[])_record.Fine.Clone(),
        CoarseBy = (short[])_record.CoarseBy.Clone(),
        FineBy = (short[])_record.FineBy.Clone(),
        Devices = [.. _record.Devices],
        Duplicates = _record.Duplicates,
        CoarseCorrect = _record.CoarseCorrect,
        FineCorrect = _record.FineCorrect,
        KeptCoarseCorrect = _record.KeptCoarseCorrect,
    };

    /// <summary>True when every image of the range has its result.</summary>
    public bool Has(int firstImageId, int count)
    {
        for (var i = firstImageId; i < firstImageId + count; i++)
        {
            if (_record.Coarse[i] == None)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Records a task's labels (a fine label below 0, or no fine labels: not asked); returns the number of images newly recorded.</summary>
    public int Record(ImageTask task, int[] coarse, int[]? fine, string coarseDevice, string? fineDevice, string? coarseModel = null, string? fineModel = null)
    {
        var added = 0;
        var coarseBy = Index(Answerer(coarseDevice, coarseModel));
        var fineBy = fineDevice is null ? None : Index(Answerer(fineDevice, fineModel));
        for (var i = 0; i < task.Count; i++)
        {
            var imageId = task.FirstImageId + i;
            if (imageId < 0 || imageId >= ImageCount)
            {
                throw new ArgumentOutOfRangeException(nameof(task), $"Task {task.TaskIndex}: image {imageId} is outside the job's {ImageCount} images.");
            }

            if (_record.Coarse[imageId] != None)
            {
                _record.Duplicates++;
                continue;
            }

            (_record.Coarse[imageId], _record.CoarseBy[imageId]) = ((short)coarse[i], coarseBy);
            added++;
            _record.CoarseCorrect += coarse[i] == task.CoarseLabels[i] ? 1 : 0;
            if (fine is null || fine[i] < 0)
            {
                // Not asked: the image keeps its coarse answer.
                _record.KeptCoarseCorrect += coarse[i] == task.CoarseLabels[i] ? 1 : 0;
            }
            else
            {
                (_record.Fine[imageId], _record.FineBy[imageId]) = ((short)fine[i], fineBy);
                _fineAnswered++;
                _record.FineCorrect += fine[i] == task.FineLabels[i] ? 1 : 0;
            }
        }

        _recorded += added;
        return added;
    }

    public IReadOnlyList<ImageResult> Results(int first, int count)
    {
        var from = Math.Max(0, first);
        var to = (int)Math.Min(ImageCount, (long)from + Math.Max(0, count));
        var results = new List<ImageResult>();
        for (var id = from; id < to; id++)
        {
            if (_record.Coarse[id] != None)
            {
                var fineBy = _record.FineBy[id];
                var (coarseDevice, coarseModel) = Answerer(_record.Devices[_record.CoarseBy[id]]);
                var (fineDevice, fineModel) = fineBy == None ? (null, null) : Answerer(_record.Devices[fineBy]);
                results.Add(new ImageResult(id, _record.Coarse[id], _record.Fine[id], coarseDevice, fineDevice, coarseModel, fineModel));
            }
        }

        return results;
    }

    public (IReadOnlyList<int> Listed, int Count) Missing()
    {
        var missing = Enumerable.Range(0, ImageCount).Where(i => _record.Coarse[i] == None).ToList();
        return (missing.Take(MissingListed).ToArray(), missing.Count);
    }

    private static string Answerer(string device, string? model) => string.IsNullOrEmpty(model) ? device : $"{device}{ModelSeparator}{model}";

    private static (string Device, string? Model) Answerer(string stored) =>
        stored.Split(ModelSeparator, 2) is [var device, var model] ? (device, model) : (stored, null);

    private short Index(string device)
    {
        if (!_deviceIndex.TryGetValue(device, out var index))
        {
            index = (short)_record.Devices.Count;
            _record.Devices.Add(device);
            _deviceIndex[device] = index;
        }

        return index;
    }

    private static short[] Filled(int count)
    {
        var values = new short[count];
        Array.Fill(values, None);
        return values;
    }
}
