namespace HeteroOrleans.Grains.Devices;

/// <summary>
/// One caller's work for a device's batcher: its images (pixels, or features after a cut), and how a batch of such work
/// runs. Work with the same <see cref="Kind"/> runs together; the first piece's <see cref="Run"/> runs the batch.
/// </summary>
/// <param name="Kind">What can share a run: the whole model on pixels, or a tail from one cut and encoding.</param>
/// <param name="Data">The images, one after another, the same bytes per image for every piece of a kind.</param>
/// <param name="Count">Images in <paramref name="Data"/>.</param>
/// <param name="Run">Classifies a batch of the kind: its images' data and their count.</param>
/// <param name="EmulatedMs">What a batch of that many images keeps an emulated device busy; null for the real time.</param>
/// <param name="AnswerWithinMs">How long after its arrival the answer is still of use; 0: no limit.</param>
internal sealed record BatchInput(
    string Kind, byte[] Data, int Count, Func<byte[], int, Classification> Run, Func<int, double?> EmulatedMs, double AnswerWithinMs = 0);
