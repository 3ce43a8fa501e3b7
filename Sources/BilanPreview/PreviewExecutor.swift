import Dispatch

/// The thread the preview server's tasks run on, instead of the shared concurrency pool.
///
/// The pool has one thread per core (two here); any long synchronous work on it — a
/// test suite's builds beside an in-process server, a caller's own work — would leave the
/// server's connections waiting for a thread, past their time limits. The server's tasks
/// prefer this executor (a serial dispatch queue, whose thread is not one of the pool's),
/// and so does the code of the actors they call (the site, the reload hub, the socket
/// pool). Everything the server does there is short: non-blocking socket calls, answers
/// from memory, reads of at most 64 KiB; rebuilds run on the ``SiteBuilder``'s threads.
final class PreviewExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "bilan.preview.server")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
