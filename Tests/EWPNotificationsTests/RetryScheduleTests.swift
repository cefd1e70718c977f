import Testing
@testable import EWPNotifications

@Suite("Retry schedule: exponential backoff with equal jitter")
struct RetryScheduleTests {
    @Test("Steps double from the base and stop at the cap")
    func steps() {
        let schedule = RetrySchedule(base: 30, cap: 3600)
        #expect((1...9).map { schedule.step(afterAttempts: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(schedule.step(afterAttempts: 0) == 30)
        #expect(schedule.step(afterAttempts: 500) == 3600)
    }

    @Test("Jitter keeps each delay between half and all of its step")
    func jitter() {
        let schedule = RetrySchedule(base: 10, cap: 1000)
        for attempts in 1...12 {
            let step = schedule.step(afterAttempts: attempts)
            #expect(schedule.delay(afterAttempts: attempts, random: 0) == step / 2)
            #expect(schedule.delay(afterAttempts: attempts, random: 0.999_999) <= step)
            #expect(schedule.delay(afterAttempts: attempts, random: 0.5) == step * 0.75)
            #expect(schedule.delay(afterAttempts: attempts, random: -3) == step / 2)
            #expect(schedule.delay(afterAttempts: attempts, random: 7) == step)
        }
    }

    @Test("A cap below the base is raised to the base")
    func capBelowBase() {
        #expect(RetrySchedule(base: 60, cap: 1).step(afterAttempts: 5) == 60)
    }
}
