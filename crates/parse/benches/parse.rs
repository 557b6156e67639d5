//! Parse throughput over the sample reports kept in the repository.
fn main() {}
