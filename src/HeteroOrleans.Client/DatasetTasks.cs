using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Client;

/// <summary>Fits a job to its data set and cuts the data set into the tasks the job receives.</summary>
public static class DatasetTasks
{
    /// <summary><paramref name="spec"/> for the images of <paramref name="data"/>.</summary>
    public static JobSpec Covering(this JobSpec spec, CifarDataset data) =>
        spec with { ImageCount = data.Count, DataDescription = data.Source };

    /// <summary>Task <paramref name="taskIndex"/> of a job cut in batches of <paramref name="batchSize"/>; the last may be short.</summary>
    public static ImageTask CreateTask(this CifarDataset data, int taskIndex, int batchSize)
    {
        var batch = data.Batch(taskIndex, batchSize);
        return new ImageTask(taskIndex, batch.First, batch.Pixels, batch.CoarseLabels, batch.FineLabels);
    }
}
