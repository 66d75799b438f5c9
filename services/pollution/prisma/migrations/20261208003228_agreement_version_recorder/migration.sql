-- AlterTable
ALTER TABLE "compensation_agreement" ADD COLUMN     "reason" TEXT,
ADD COLUMN     "recorded_province" TEXT,
ADD COLUMN     "recorded_subject" TEXT,
ADD COLUMN     "recorded_username" TEXT;
