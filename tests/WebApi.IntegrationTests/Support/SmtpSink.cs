using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>One email as the SMTP server stored it.</summary>
public sealed record ReceivedEmail(string To, string Subject, string Body);

/// <summary>
/// A real SMTP server for the tests: Debian's python3-aiosmtpd (./test.sh installs it) on a free
/// loopback port, storing what it accepts in a Maildir that the tests read back.
/// </summary>
public sealed partial class SmtpSink : IDisposable
{
    private readonly Process _server;
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), $"cp-smtp-{Guid.NewGuid():N}");

    public SmtpSink()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            throw new InvalidOperationException("python3 is missing: run the tests through ./test.sh, which installs python3-aiosmtpd.");
        }

        Port = FreePort();
        _server = Process.Start(new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Accepts(Port))
        {
            if (_server.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"aiosmtpd did not start ({_server.StandardError.ReadToEnd()}): run the tests through ./test.sh, which installs python3-aiosmtpd.");
            }

            Thread.Sleep(50);
        }
    }

    public int Port { get; }

    /// <summary>The messages received so far for <paramref name="to"/>, waiting up to <paramref name="count"/> of them to arrive.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string to, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var mails = Read().Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mails.Count >= count || DateTime.UtcNow > deadline)
            {
                return mails;
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        try
        {
            _server.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        _server.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }

    private List<ReceivedEmail> Read()
    {
        var folder = Path.Combine(_maildir, "new");
        return !Directory.Exists(folder) ? [] : Directory.GetFiles(folder).Select(f => Parse(File.ReadAllText(f, Encoding.UTF8))).ToList();
    }

    /// <summary>Headers (RFC 2047 encoded words decoded) and an 8-bit UTF-8 text body, as SmtpEmailSender writes them.</summary>
    private static ReceivedEmail Parse(string raw)
    {
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = Unfold(raw[..split]);
        var body = raw[(split + 2)..].Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        string Header(string name) => headers.FirstOrDefault(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? string.Empty;
        return new ReceivedEmail(Header("To"), DecodeWords(Header("Subject")), body);
    }

    private static List<string> Unfold(string block)
    {
        var lines = new List<string>();
        foreach (var line in block.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && lines.Count > 0)
            {
                lines[^1] += line.TrimStart();
            }
            else
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static string DecodeWords(string value) => EncodedWord().Replace(value, m => m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
        ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value))
        : Encoding.UTF8.GetString(QuotedPrintable(m.Groups[3].Value.Replace('_', ' '))));

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWord();
}
