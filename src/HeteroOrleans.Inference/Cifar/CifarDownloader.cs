using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HeteroOrleans.Inference.Cifar;

/// <summary>Downloads the official CIFAR-100 binary archive, checks its published MD5 and unpacks it.</summary>
public sealed class CifarDownloader(HttpClient http)
{
    /// <summary>The official archive of the binary version.</summary>
    public static Uri OfficialArchive { get; } = new("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz");

    /// <summary>MD5 of the official archive, as published with it.</summary>
    public const string OfficialMd5 = "03b5dce01913d631647c71ecec9e9cb8";

    /// <summary>
    /// Fetches <paramref name="archive"/> into <paramref name="directory"/>, checks it against
    /// <paramref name="expectedMd5"/> and unpacks it there (giving <c>cifar-100-binary/train.bin</c> and <c>test.bin</c>).
    /// The archive is deleted afterwards, and also when it fails the check.
    /// </summary>
    /// <param name="progress">Called with bytes received so far and the total when the server tells it.</param>
    /// <exception cref="CifarFormatException">The network, the server or the checksum failed; the message says which.</exception>
    public async Task DownloadAsync(Uri archive, string expectedMd5, string directory, Action<long, long?>? progress, CancellationToken cancellation)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"download-{Environment.ProcessId}.tar.gz");
        try
        {
            var md5 = await FetchAsync(archive, file, progress, cancellation);
            if (!string.Equals(md5, expectedMd5, StringComparison.OrdinalIgnoreCase))
            {
                throw new CifarFormatException($"{archive}: MD5 of the download is {md5}, expected {expectedMd5}; the file is corrupt or not the official archive.");
            }

            await using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            await TarFile.ExtractToDirectoryAsync(gzip, directory, overwriteFiles: true, cancellation);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<string> FetchAsync(Uri archive, string file, Action<long, long?>? progress, CancellationToken cancellation)
    {
        try
        {
            using var response = await http.GetAsync(archive, HttpCompletionOption.ResponseHeadersRead, cancellation);
            if (!response.IsSuccessStatusCode)
            {
                throw new CifarFormatException($"{archive}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var total = response.Content.Headers.ContentLength;
            await using var source = await response.Content.ReadAsStreamAsync(cancellation);
            await using var target = File.Create(file);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            var buffer = new byte[1 << 16];
            long received = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellation)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellation);
                received += read;
                progress?.Invoke(received, total);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            throw new CifarFormatException(
                $"{archive}: cannot download ({e.GetBaseException().Message}). This machine may have no internet access: " +
                "fetch cifar-100-binary.tar.gz elsewhere and unpack it into the folder you pass as --data.");
        }
    }
}
