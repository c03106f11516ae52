-- Names as the original team chose them: spaces, dashes, a reserved word, accents, quotes.
ALTER TABLE "User Accounts" ADD COLUMN "E-mail" text;
UPDATE "User Accounts" SET "E-mail" = lower("Login") WHERE "Login" LIKE '%@%';
CREATE INDEX "User Accounts_E-mail_idx" ON "User Accounts" ("E-mail");
ALTER TABLE "User Accounts" ADD COLUMN "order" integer NOT NULL DEFAULT 0;
ALTER TABLE "User Accounts" ADD COLUMN "naïve" boolean;
ALTER TABLE "User Accounts" ADD COLUMN "say ""hi""" text;
ALTER TABLE "User Accounts" RENAME COLUMN "Display Name" TO "user";
