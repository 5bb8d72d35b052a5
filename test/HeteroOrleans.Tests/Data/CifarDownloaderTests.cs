using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HeteroOrleans.Tests.Data;

// Served from loopback only: the tests never leave this machine.
public sealed class CifarDownloaderTests
{
    [Fact]
    public async Task Downloads_checks_and_unpacks_an_archive()
    {
        var archive = Archive(SyntheticCifar.Generate(4));
        using var server = new LoopbackServer(archive);
        var target = TestPaths.NewTempDirectory();

        await new CifarDownloader(new HttpClient()).DownloadAsync(server.Address, Md5(archive), target, null, TestContext.Current.CancellationToken);

        Assert.Equal(4, CifarReader.Read(CifarReader.Locate(target)).Count);
        Assert.Equal(4, CifarReader.Read(CifarReader.LocateTrain(target)).Count);
        Assert.Empty(Directory.GetFiles(target, "*.tar.gz"));
    }

    [Fact]
    public async Task A_checksum_mismatch_is_refused_and_the_download_removed()
    {
        using var server = new LoopbackServer(Archive(SyntheticCifar.Generate(2)));
        var target = TestPaths.NewTempDirectory();

        var error = await Assert.ThrowsAsync<CifarFormatException>(() =>
            new CifarDownloader(new HttpClient()).DownloadAsync(server.Address, CifarDownloader.OfficialMd5, target, null, TestContext.Current.CancellationToken));

        Assert.Contains("MD5", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public async Task An_unreachable_server_gives_a_network_message()
    {
        var port = LoopbackServer.FreePort();
        var error = await Assert.ThrowsAsync<CifarFormatException>(() =>
            new CifarDownloader(new HttpClient()).DownloadAsync(new Uri($"http://127.0.0.1:{port}/x.tar.gz"), "00", TestPaths.NewTempDirectory(), null, TestContext.Current.CancellationToken));

        Assert.Contains("cannot download", error.Message);
    }

    private static byte[] Archive(CifarDataset data)
    {
        var folder = TestPaths.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(folder, "cifar-100-binary"));
        data.WriteBinary(Path.Combine(folder, "cifar-100-binary", "train.bin"));
        data.WriteBinary(Path.Combine(folder, "cifar-100-binary", "test.bin"));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            TarFile.CreateFromDirectory(Path.Combine(folder, "cifar-100-binary"), gzip, includeBaseDirectory: true);
        }

        return buffer.ToArray();
    }

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public LoopbackServer(byte[] body)
        {
            var port = FreePort();
            Address = new Uri($"http://127.0.0.1:{port}/cifar-100-binary.tar.gz");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        var context = await _listener.GetContextAsync();
                        context.Response.ContentLength64 = body.Length;
                        await context.Response.OutputStream.WriteAsync(body);
                        context.Response.Close();
                    }
                    catch (Exception) when (!_listener.IsListening)
                    {
                        return;
                    }
                }
            });
        }

        public Uri Address { get; }

        public static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
