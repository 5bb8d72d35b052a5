namespace HeteroOrleans.Grains.Privacy;

/// <summary>
/// The rule that keeps raw pixels from untrusted devices (the paper, section 3.5): checked by each device itself, on
/// every batch it is given, so that no caller can skip it.
/// </summary>
internal static class PixelGuard
{
    /// <summary>Refuses <paramref name="batch"/> on <paramref name="device"/> unless it is trusted or the job chose to send raw pixels (<paramref name="allowUntrusted"/>), and refuses a malformed batch.</summary>
    /// <exception cref="InvalidOperationException">An untrusted device was sent raw pixels it may not see.</exception>
    /// <exception cref="ArgumentException">The pixels do not make the batch's images.</exception>
    public static void Check(DeviceProfile device, PixelBatch batch, bool allowUntrusted)
    {
        if (!device.Trusted && !allowUntrusted)
        {
            throw new InvalidOperationException(
                $"Device {device.Id} is untrusted and refuses raw pixels (task {batch.TaskIndex}): send it the output of its model's encryption head.");
        }

        if (batch.Count <= 0 || batch.Pixels.Length != batch.Count * PixelBatch.ImageBytes)
        {
            throw new ArgumentException(
                $"Task {batch.TaskIndex}: {batch.Pixels.Length} pixel bytes do not make {batch.Count} images of {PixelBatch.ImageBytes} bytes.");
        }
    }
}
