import EWPTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The one way tests start programs. Foundation's `Process` crashed the whole test process when
/// it held many descriptors, and its children started with SIGTERM blocked.
@Suite struct SpawnedProcessTests {
    @Test("a child starts while the test process holds 1,500 extra descriptors, and sees only 0-2, with no signal blocked")
    func manyDescriptors() throws {
        // Foundation's Process walked /proc/self/fd here, and past about 1,350 descriptors its
        // over-read crashed the test process now and then.
        var extra: [Int32] = []
        defer { for fd in extra { close(fd) } }
        for _ in 0..<1_500 {
            let fd = open("/dev/null", O_RDONLY)
            try #require(fd >= 0)
            extra.append(fd)
        }
        let completed = try ChildProcess.complete("/bin/sh", ["-c", "ls /proc/self/fd; grep '^SigBlk' /proc/self/status"])
        #expect(completed.status == 0, "\(completed.errorText)")
        let lines = completed.outputText.split(separator: "\n").map(String.init)
        // ls's own directory descriptor is the fourth.
        let descriptors = lines.filter { Int($0) != nil }.compactMap { Int($0) }
        #expect(descriptors.allSatisfy { $0 <= 3 }, "the child inherited \(descriptors.count) descriptors")
        #expect(lines.contains { $0.hasPrefix("SigBlk:") && $0.hasSuffix("0000000000000000") }, "\(lines.suffix(2))")
    }

    @Test("no test code starts a program with Foundation's Process")
    func noFoundationProcess() throws {
        let tests = RepositoryPaths.root + "/Tests"
        let files = try #require(FileManager.default.enumerator(atPath: tests)?.allObjects as? [String])
        let offenders = try files.filter { $0.hasSuffix(".swift") && !$0.hasSuffix("SpawnedProcessTests.swift") }.filter { file in
            let text = try String(contentsOfFile: tests + "/" + file, encoding: .utf8)
            return text.contains("Process()") || text.contains("Foundation.Process")
        }
        #expect(files.count > 100)
        #expect(offenders.isEmpty, "use SpawnedProcess or ChildProcess instead: \(offenders)")
    }

    @Test("pipes both ways, a working directory, and the exit status")
    func pipesAndDirectory() throws {
        let cat = try SpawnedProcess(executable: "/bin/cat", arguments: [], input: .pipe, output: .pipe)
        try cat.standardInput!.write(contentsOf: Data("hello\n".utf8))
        try cat.standardInput!.close()
        let echoed = try cat.standardOutput!.readToEnd() ?? Data()
        #expect(String(decoding: echoed, as: UTF8.self) == "hello\n")
        #expect(cat.waitForExit() == 0)

        let directory = FileManager.default.temporaryDirectory.path
        let pwd = try ChildProcess.complete("/bin/sh", ["-c", "pwd; exit 3"], currentDirectory: directory)
        #expect(pwd.status == 3)
        #expect(pwd.outputText.trimmingCharacters(in: .whitespacesAndNewlines) == URL(fileURLWithPath: directory).resolvingSymlinksInPath().path)
    }

    @Test("stop: SIGTERM reaches the child (exit 128 + 15); a child that ignores it is killed")
    func stop() async throws {
        let sleeper = try SpawnedProcess(executable: "/bin/sleep", arguments: ["30"])
        #expect(sleeper.isRunning)
        #expect(await sleeper.stop(timeout: .seconds(10)) == 128 + SIGTERM)
        #expect(!sleeper.isRunning)

        let stubborn = try SpawnedProcess(executable: "/bin/sh", arguments: ["-c", "trap '' TERM; echo ready; exec sleep 30"], output: .pipe)
        let ready = stubborn.standardOutput!.readData(ofLength: 6)   // the trap is set
        #expect(String(decoding: ready, as: UTF8.self) == "ready\n")
        #expect(await stubborn.stop(timeout: .milliseconds(300)) == nil)
        #expect(stubborn.exitStatus == 128 + SIGKILL)
    }
}
