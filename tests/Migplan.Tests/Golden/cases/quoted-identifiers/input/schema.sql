CREATE TABLE "User Accounts" (
    "Account ID" bigint PRIMARY KEY,
    "Login" text NOT NULL,
    "Display Name" text
);
