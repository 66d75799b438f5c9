-- CreateTable
CREATE TABLE "notes" (
    "id" UUID NOT NULL,
    "owner_province" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_counters" (
    "province" TEXT NOT NULL,
    "notes" INTEGER NOT NULL,

    CONSTRAINT "note_counters_pkey" PRIMARY KEY ("province")
);

-- CreateIndex
CREATE INDEX "notes_owner_province_created_at_idx" ON "notes"("owner_province", "created_at");
