import Testing
import PlanKit

@Suite struct ShellSmokeTests {
    @Test func pathsCompareSegmentBySegment() {
        #expect(NaturalOrder.less("2.2", "2.10"))
        #expect(NaturalOrder.less("9.2.2", "10.1.2"))
        #expect(!NaturalOrder.less("10.1.2", "9.2.2"))
        #expect(NaturalOrder.less("anji-2019-00395", "anji-2019-00581"))
    }
}
