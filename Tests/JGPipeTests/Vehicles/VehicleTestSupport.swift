@testable import JGPipe

