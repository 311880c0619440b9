import Foundation
import Testing
@testable import JGPipe

/// libxlsxwriter's `tmpdir`: a folder of the run's own on the memory file system when the sheets'
/// XML fits in half its free space, removed afterwards; else the staging folder, left alone.
@Suite struct WorkbookTemporaryFolderTests {
    @Test func memoryFileSystemWhenThereIsRoomElseStaging() throws {
        let staging = RunHarness.temporaryFolder("jgpipe-staging")
        let memory = RunHarness.temporaryFolder("jgpipe-memory-fs")
        let small = WorkbookTemporaryFolder(staging: staging, xmlBytes: 1 << 10, memoryFileSystem: memory)
        #expect(small.path.hasPrefix(memory + "/jgpipe-workbooks-"))
        #expect(FileManager.default.fileExists(atPath: small.path))
        small.remove()
        #expect(!FileManager.default.fileExists(atPath: small.path))

        let huge = WorkbookTemporaryFolder(staging: staging, xmlBytes: Int.max / 2, memoryFileSystem: memory)
        #expect(huge.path == staging)
        huge.remove()
        #expect(FileManager.default.fileExists(atPath: staging))

        let absent = WorkbookTemporaryFolder(staging: staging, xmlBytes: 1, memoryFileSystem: memory + "/none")
        #expect(absent.path == staging)
    }

    @Test func aFileSomeoneLeftThereKeepsTheFolder() throws {
        let memory = RunHarness.temporaryFolder("jgpipe-memory-fs")
        let folder = WorkbookTemporaryFolder(staging: "/nonexistent", xmlBytes: 1, memoryFileSystem: memory)
        #expect(FileManager.default.createFile(atPath: folder.path + "/theirs", contents: Data("x".utf8)))
        folder.remove()
        #expect(FileManager.default.fileExists(atPath: folder.path + "/theirs"))
    }
}
