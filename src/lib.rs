//! ServiceCraft: an interactive trainer for the 高级客户服务管理师 qualification.

pub mod app;
pub mod cli;
pub mod model;
pub mod pack;
